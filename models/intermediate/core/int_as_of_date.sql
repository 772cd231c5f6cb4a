-- The default as_of_date (DECISIONS 15, 60, 67): the UTC date of the latest clean
-- product event of a customer account; without any, the latest other clean fact.
-- Models never read this directly: they call the as_of_date() macro, which prefers the
-- saas_kpis_as_of_date var when it is set.
with

accounts as (
    select account_id from {{ ref('stg_app__accounts') }}
    where not is_test
),

product_events as (
    select
        account_id,
        occurred_at
    from {{ ref('stg_app__product_events') }}
),

onboarding_events as (
    select
        account_id,
        occurred_at
    from {{ ref('stg_app__onboarding_events') }}
),

subscriptions as (
    select
        account_id,
        valid_from,
        _loaded_at
    from {{ ref('stg_billing__subscriptions') }}
),

survey_responses as (
    select
        account_id,
        responded_at
    from {{ ref('stg_surveys__survey_responses') }}
),

tickets as (
    select
        ticket_id,
        account_id,
        created_at
    from {{ ref('stg_support__tickets') }}
),

ticket_events as (
    select
        ticket_id,
        occurred_at
    from {{ ref('stg_support__ticket_events') }}
),

latest_product_event as (
    select max(product_events.occurred_at) as latest_at
    from product_events
    inner join accounts
        on product_events.account_id = accounts.account_id
),

-- Fallback for a warehouse without product events (a team loading only billing data).
-- A subscription version loaded before it starts is a scheduled change, not a fact.
other_facts as (
    select
        account_id,
        occurred_at as fact_at
    from onboarding_events
    union all
    select
        account_id,
        valid_from as fact_at
    from subscriptions
    where valid_from <= _loaded_at
    union all
    select
        account_id,
        responded_at as fact_at
    from survey_responses
    union all
    select
        account_id,
        created_at as fact_at
    from tickets
    union all
    select
        tickets.account_id,
        ticket_events.occurred_at as fact_at
    from ticket_events
    inner join tickets
        on ticket_events.ticket_id = tickets.ticket_id
),

latest_other_fact as (
    select max(other_facts.fact_at) as latest_at
    from other_facts
    inner join accounts
        on other_facts.account_id = accounts.account_id
),

final as (
    select
        cast(
            coalesce(latest_product_event.latest_at, latest_other_fact.latest_at) as date
        ) as as_of_date
    from latest_product_event
    cross join latest_other_fact
)

select * from final
