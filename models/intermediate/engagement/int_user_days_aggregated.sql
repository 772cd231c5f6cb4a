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

-- Product activity per user and UTC day, rolled up once from the largest table.
-- Incremental by account and day (macros/incremental_changes.sql): a run re-processes,
-- for each account changed by the rows loaded since its last build, the days from the
-- first changed day on, however old, and replaces them whole, so an incremental run
-- gives the same table as a full refresh. Every clean event of a
-- non-test account is kept, days after as_of_date included: consumers restrict to the
-- customers of the month and to as_of_date, so the table never depends on a var.
with

-- Non-test accounts only (test accounts are excluded everywhere).
accounts as (
    select account_id from {{ ref('stg_app__accounts') }}
    where not is_test
),

product_events as (
    select
        account_id,
        user_id,
        occurred_at
    from {{ ref('stg_app__product_events') }}
    where {{ changed_account_days_filter(product_activity_sources(), 'occurred_at') }}
),

events_dated as (
    select
        product_events.account_id,
        product_events.user_id,
        cast(product_events.occurred_at as date) as activity_date,
        product_events.occurred_at
    from product_events
    inner join accounts
        on product_events.account_id = accounts.account_id
),

user_days as (
    select
        account_id,
        user_id,
        activity_date,
        count(*) as events,
        min(occurred_at) as first_event_at,
        max(occurred_at) as last_event_at
    from events_dated
    group by
        account_id,
        user_id,
        activity_date
),

final as (
    select
        account_id,
        user_id,
        events,
        activity_date,
        first_event_at,
        last_event_at
    from user_days
)

select * from final
