-- The months in which each account is a customer (DECISIONS 31): a trialing, active or
-- past_due subscription version overlaps the observed part of the month. Free plans
-- count. This is the denominator of engagement and support ratios.
with

accounts as (
    select account_id from {{ ref('int_accounts_cohorted') }}
),

subscriptions as (
    select
        account_id,
        status,
        valid_from,
        valid_to
    from {{ ref('stg_billing__subscriptions') }}
    where status in ('trialing', 'active', 'past_due')
),

months as (
    select
        month,
        period_end_at
    from {{ ref('int_month_spine') }}
),

customer_months as (
    select distinct
        subscriptions.account_id,
        months.month
    from subscriptions
    inner join accounts
        on subscriptions.account_id = accounts.account_id
    inner join months
        on
            subscriptions.valid_from < months.period_end_at
            and (
                subscriptions.valid_to is null
                or subscriptions.valid_to > cast(months.month as {{ dbt.type_timestamp() }})
            )
),

final as (
    select
        account_id,
        month
    from customer_months
)

select * from final
