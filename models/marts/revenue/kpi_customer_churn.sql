-- Monthly logo churn (kpis.md kpi_customer_churn): of the customers paying at the start
-- of the month (the end of the previous month), those not paying at its end. An account
-- that starts paying and stops inside one month never reaches a month end, so it is in
-- neither count (DECISIONS 22).
with

account_months as (
    select
        account_id,
        month,
        is_paying,
        was_paying
    from {{ ref('int_account_months_compared') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

customers_counted as (
    select
        month,
        count(case when was_paying then account_id end) as customers_at_start,
        count(case when was_paying and not is_paying then account_id end)
            as churned_customers
    from account_months
    group by
        month
),

final as (
    select
        months.month,
        coalesce(customers_counted.customers_at_start, 0) as customers_at_start,
        coalesce(customers_counted.churned_customers, 0) as churned_customers,
        {{ safe_divide('customers_counted.churned_customers',
            'customers_counted.customers_at_start') }} as customer_churn_rate,
        months.is_complete_month
    from months
    left join customers_counted
        on months.month = customers_counted.month
)

select * from final
