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

-- Every fact of an account, flagged when it is a product event. The other facts are the
-- fallback for a warehouse without product events (a team loading only billing data);
-- a subscription version loaded before it starts is a scheduled change, not a fact.
facts as (
    select
        account_id,
        occurred_at as fact_at,
        true as is_product_event
    from product_events
    union all
    select
        account_id,
        occurred_at as fact_at,
        false as is_product_event
    from onboarding_events
    union all
    select
        account_id,
        valid_from as fact_at,
        false as is_product_event
    from subscriptions
    where valid_from <= _loaded_at
    union all
    select
        account_id,
        responded_at as fact_at,
        false as is_product_event
    from survey_responses
    union all
    select
        account_id,
        created_at as fact_at,
        false as is_product_event
    from tickets
    union all
    select
        tickets.account_id,
        ticket_events.occurred_at as fact_at,
        false as is_product_event
    from ticket_events
    inner join tickets
        on ticket_events.ticket_id = tickets.ticket_id
),

-- The latest facts of non-test accounts.
latest_facts as (
    select
        max(case when facts.is_product_event then facts.fact_at end)
            as latest_product_event_at,
        max(case when not facts.is_product_event then facts.fact_at end)
            as latest_other_fact_at
    from facts
    inner join accounts
        on facts.account_id = accounts.account_id
),

final as (
    select
        cast(
            coalesce(latest_facts.latest_product_event_at, latest_facts.latest_other_fact_at)
            as date
        ) as as_of_date
    from latest_facts
)

select * from final
