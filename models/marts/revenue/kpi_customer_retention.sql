-- Customer retention per month and per calendar quarter (kpis.md kpi_customer_retention,
-- DECISIONS 26, 55): S = paying at the end of the previous period, E = paying at the end
-- of the period (the end of as_of_date for the current one), N = paying at E but not at
-- S; customer_retention_rate = (E - N) / S, i.e. the share of S still paying at E.
with

account_months as (
    select
        account_id,
        month
    from {{ ref('fct_mrr') }}
    where is_paying
),

months as (
    select
        month,
        month_end_date,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

month_periods as (
    select
        'month' as period_grain,
        month as period_start,
        month as end_month,
        month_end_date as period_end_date,
        is_complete_month as is_complete_period
    from months
),

months_in_quarters as (
    select
        cast({{ dbt.date_trunc('quarter', 'month') }} as date) as quarter_start,
        month,
        month_end_date,
        is_complete_month
    from months
),

-- Every calendar quarter touching the spine; it ends at its last observed month, and is
-- complete when its third month is in the spine and complete.
quarter_periods as (
    select
        'quarter' as period_grain,
        quarter_start as period_start,
        max(month) as end_month,
        max(month_end_date) as period_end_date,
        max(
            case
                when
                    is_complete_month
                    and month = cast({{ dbt.dateadd('month', 2, 'quarter_start') }} as date)
                    then 1
                else 0
            end
        ) = 1 as is_complete_period
    from months_in_quarters
    group by
        quarter_start
),

periods_listed as (
    select * from month_periods
    union all
    select * from quarter_periods
),

-- The month and quarter periods on one footing, each with the month before it.
periods as (
    select
        *,
        cast({{ dbt.dateadd('month', -1, 'period_start') }} as date) as start_month
    from periods_listed
),

-- Who pays at each end: the period's start (end of the month before it) and its end.
period_accounts as (
    select
        periods.period_grain,
        periods.period_start,
        account_months.account_id,
        1 as is_at_start,
        0 as is_at_end
    from periods
    inner join account_months
        on periods.start_month = account_months.month
    union all
    select
        periods.period_grain,
        periods.period_start,
        account_months.account_id,
        0 as is_at_start,
        1 as is_at_end
    from periods
    inner join account_months
        on periods.end_month = account_months.month
),

accounts_flagged as (
    select
        period_grain,
        period_start,
        account_id,
        max(is_at_start) as is_at_start,
        max(is_at_end) as is_at_end
    from period_accounts
    group by
        period_grain,
        period_start,
        account_id
),

customers_counted as (
    select
        period_grain,
        period_start,
        count(case when is_at_start = 1 then account_id end) as customers_at_start,
        count(case when is_at_end = 1 then account_id end) as customers_at_end,
        count(case when is_at_end = 1 and is_at_start = 0 then account_id end) as new_customers,
        count(case when is_at_end = 1 and is_at_start = 1 then account_id end)
            as retained_customers
    from accounts_flagged
    group by
        period_grain,
        period_start
),

final as (
    select
        periods.period_grain,
        periods.period_start,
        periods.period_end_date,
        coalesce(customers_counted.customers_at_start, 0) as customers_at_start,
        coalesce(customers_counted.customers_at_end, 0) as customers_at_end,
        coalesce(customers_counted.new_customers, 0) as new_customers,
        coalesce(customers_counted.retained_customers, 0) as retained_customers,
        coalesce(customers_counted.customers_at_start, 0)
        - coalesce(customers_counted.retained_customers, 0) as churned_customers,
        {{ safe_divide('customers_counted.retained_customers',
            'customers_counted.customers_at_start') }} as customer_retention_rate,
        periods.is_complete_period
    from periods
    left join customers_counted
        on
            periods.period_grain = customers_counted.period_grain
            and periods.period_start = customers_counted.period_start
)

select * from final
