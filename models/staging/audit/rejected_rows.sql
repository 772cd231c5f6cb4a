{#-
    Every raw row that staging rejected, from every raw table, with the reason: the
    place an analyst looks for data that did not make it into the marts.
-#}
with

app_accounts as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_app__accounts') }}
    where row_outcome = 'rejected'
),

app_users as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_app__users') }}
    where row_outcome = 'rejected'
),

app_onboarding_events as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_app__onboarding_events') }}
    where row_outcome = 'rejected'
),

app_product_events as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_app__product_events') }}
    where row_outcome = 'rejected'
),

billing_subscriptions as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_billing__subscriptions') }}
    where row_outcome = 'rejected'
),

surveys_survey_responses as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_surveys__survey_responses') }}
    where row_outcome = 'rejected'
),

support_tickets as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_support__tickets') }}
    where row_outcome = 'rejected'
),

support_ticket_events as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_support__ticket_events') }}
    where row_outcome = 'rejected'
),

marketing_marketing_spend as (
    select
        source_table,
        record_key,
        rejection_kind,
        rejection_reason,
        raw_record,
        _loaded_at
    from {{ ref('base_marketing__marketing_spend') }}
    where row_outcome = 'rejected'
),

unioned as (
    select * from app_accounts

    union all

    select * from app_users

    union all

    select * from app_onboarding_events

    union all

    select * from app_product_events

    union all

    select * from billing_subscriptions

    union all

    select * from surveys_survey_responses

    union all

    select * from support_tickets

    union all

    select * from support_ticket_events

    union all

    select * from marketing_marketing_spend
)

select * from unioned
