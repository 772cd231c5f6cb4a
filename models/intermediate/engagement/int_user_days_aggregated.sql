{{ account_day_config('product_activity_sources', 'activity_date') }}

-- Product activity per user and UTC day, rolled up once from the largest table.
-- Incremental by account and day (macros/incremental_changes.sql): a run re-processes,
-- for each account changed by the rows loaded since its last build, the days from the
-- first changed day on, however old, and replaces them whole, so an incremental run
-- gives the same table as a full refresh. Every clean event of a
-- non-test account is kept, days after as_of_date included: consumers restrict to the
-- customers of the month and to as_of_date, so the table never depends on a var.
with

events_dated as (
    {{ changed_product_events(
        product_activity_sources(), ['account_id', 'user_id', 'occurred_at']
    ) }}
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
