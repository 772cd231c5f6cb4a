{{
    config(
        materialized=account_day_materialization(),
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'test_window_column': 'activity_date'},
        pre_hook="{{ delete_changed_account_days(product_activity_sources(), 'activity_date') }}",
        post_hook="{{ record_load_watermarks(product_activity_sources()) }}",
    )
}}

-- The part of each session that falls on one UTC day (per account), incremental like
-- the user days. A session crossing midnight has a row per day; int_sessions_aggregated
-- puts them together. Events without session_id are activity, not sessions
-- (DECISIONS 32), so they are left out here.
with

-- Non-test accounts only (test accounts are excluded everywhere).
accounts as (
    select account_id from {{ ref('stg_app__accounts') }}
    where not is_test
),

product_events as (
    select
        session_id,
        account_id,
        occurred_at
    from {{ ref('stg_app__product_events') }}
    where
        session_id is not null
        and {{ changed_account_days_filter(product_activity_sources(), 'occurred_at') }}
),

events_dated as (
    select
        product_events.session_id,
        product_events.account_id,
        cast(product_events.occurred_at as date) as activity_date,
        product_events.occurred_at
    from product_events
    inner join accounts
        on product_events.account_id = accounts.account_id
),

session_days as (
    select
        session_id,
        account_id,
        activity_date,
        count(*) as events,
        min(occurred_at) as first_event_at,
        max(occurred_at) as last_event_at
    from events_dated
    group by
        session_id,
        account_id,
        activity_date
),

final as (
    select
        session_id,
        account_id,
        events,
        activity_date,
        first_event_at,
        last_event_at
    from session_days
)

select * from final
