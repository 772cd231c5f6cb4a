-- One row per session observed by the end of as_of_date (DECISIONS 16), with its
-- length: last event minus first event ("time on site"; a single-event session lasts
-- 0 minutes, DECISIONS 32). A session belongs to the account and month of its first
-- event (DECISIONS 50).
with

session_days as (
    select
        session_id,
        account_id,
        events,
        activity_date,
        first_event_at,
        last_event_at
    from {{ ref('int_session_days_aggregated') }}
    where activity_date <= {{ as_of_date() }}
),

-- The account of the session's first event (ties, which clean data does not have,
-- go to the smallest account_id).
session_days_ranked as (
    select
        session_id,
        account_id,
        row_number() over (
            partition by session_id
            order by first_event_at, account_id
        ) as day_rank
    from session_days
),

session_accounts as (
    select
        session_id,
        account_id
    from session_days_ranked
    where day_rank = 1
),

session_spans as (
    select
        session_id,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        min(first_event_at) as started_at,
        max(last_event_at) as ended_at
    from session_days
    group by
        session_id
),

final as (
    select
        session_spans.session_id,
        session_accounts.account_id,
        session_spans.events,
        {{ seconds_between('session_spans.started_at', 'session_spans.ended_at') }} / 60.0
            as session_minutes,
        cast({{ dbt.date_trunc('month', 'session_spans.started_at') }} as date)
            as session_month,
        session_spans.started_at,
        session_spans.ended_at
    from session_spans
    inner join session_accounts
        on session_spans.session_id = session_accounts.session_id
)

select * from final
