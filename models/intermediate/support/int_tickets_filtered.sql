-- The tickets the support marts report on: tickets of customer accounts (test accounts
-- excluded through int_accounts_cohorted) created by the end of as_of_date
-- (DECISIONS 16), with the month of creation every support KPI is grouped by.
with

tickets as (
    select
        ticket_id,
        account_id,
        requester_user_id,
        channel,
        priority,
        category,
        created_at
    from {{ ref('stg_support__tickets') }}
),

accounts as (
    select account_id from {{ ref('int_accounts_cohorted') }}
),

final as (
    select
        tickets.*,
        cast({{ dbt.date_trunc('month', 'tickets.created_at') }} as date) as created_month
    from tickets
    inner join accounts
        on tickets.account_id = accounts.account_id
    where cast(tickets.created_at as date) <= {{ as_of_date() }}
)

select * from final
