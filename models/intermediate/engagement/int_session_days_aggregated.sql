{{ account_day_config('product_activity_sources', 'activity_date') }}

-- The part of each session that falls on one UTC day (per account), incremental like
-- the user days. A session crossing midnight has a row per day; int_sessions_aggregated
-- puts them together. Events without session_id are activity, not sessions
-- (DECISIONS 32), so they are left out here.
with

events_dated as (
    {{ changed_product_events(
        product_activity_sources(),
        ['session_id', 'account_id', 'occurred_at'],
        where='product_events.session_id is not null',
    ) }}
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
