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

-- Product events per account, event name and UTC day, incremental like the user days.
-- Kept at event-name grain (not feature) so that editing the product_features seed
-- takes effect without a full refresh: the feature map is applied downstream.
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
        event_name,
        occurred_at
    from {{ ref('stg_app__product_events') }}
    where {{ changed_account_days_filter(product_activity_sources(), 'occurred_at') }}
),

events_dated as (
    select
        product_events.account_id,
        product_events.user_id,
        product_events.event_name,
        cast(product_events.occurred_at as date) as activity_date
    from product_events
    inner join accounts
        on product_events.account_id = accounts.account_id
),

-- Users are counted in two steps, events per user first: a count(distinct) over every
-- event keeps a set of users per group, several times slower on the largest table.
account_user_event_days as (
    select
        account_id,
        event_name,
        activity_date,
        user_id,
        count(*) as events
    from events_dated
    group by
        account_id,
        event_name,
        activity_date,
        user_id
),

account_event_days as (
    select
        account_id,
        event_name,
        activity_date,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        count(user_id) as active_users
    from account_user_event_days
    group by
        account_id,
        event_name,
        activity_date
),

final as (
    select
        account_id,
        event_name,
        events,
        active_users,
        activity_date
    from account_event_days
)

select * from final
