-- The revenue grid: one row per account and spine month from the account's first paid
-- month (the first month whose month-end MRR > 0, DECISIONS 22) to as_of_date's month,
-- including the months at 0 after a churn. fct_mrr has exactly these rows.
with

currency_months as (
    select
        account_id,
        month
    from {{ ref('int_account_currency_months_summed') }}
),

months as (
    select month from {{ ref('int_month_spine') }}
),

first_paid_months as (
    select
        account_id,
        min(month) as first_paid_month
    from currency_months
    group by
        account_id
),

final as (
    select
        first_paid_months.account_id,
        months.month,
        first_paid_months.first_paid_month
    from first_paid_months
    inner join months
        on first_paid_months.first_paid_month <= months.month
)

select * from final
