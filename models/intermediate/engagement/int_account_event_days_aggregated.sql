{{ account_day_config('product_activity_sources', 'activity_date') }}

-- Product events per account, event name and UTC day, incremental like the user days.
-- Kept at event-name grain (not feature) so that editing the product_features seed
-- takes effect without a full refresh: the feature map is applied downstream.
with

events_dated as (
    {{ changed_product_events(
        product_activity_sources(), ['account_id', 'user_id', 'event_name']
    ) }}
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
