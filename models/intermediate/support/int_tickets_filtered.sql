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

customer_tickets as (
    select tickets.*
    from tickets
    inner join accounts
        on tickets.account_id = accounts.account_id
    where cast(tickets.created_at as date) <= {{ as_of_date() }}
),

final as (
    select
        ticket_id,
        account_id,
        requester_user_id,
        channel,
        priority,
        category,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as created_month,
        created_at
    from customer_tickets
)

select * from final
