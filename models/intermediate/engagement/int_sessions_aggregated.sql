{{
    config(
        materialized=account_day_materialization(),
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'test_window_column': 'started_at'},
        pre_hook="{{ delete_changed_sessions() }}",
        post_hook="{{ record_build() }}",
    )
}}

-- One row per session observed by the end of as_of_date (DECISIONS 16), with its
-- length: last event minus first event ("time on site"; a single-event session lasts
-- 0 minutes, DECISIONS 32). A session belongs to the account and month of its first
-- event (DECISIONS 50).
--
-- Incremental by session (macros/incremental_changes.sql, changed_sessions_filter): a
-- session is its session_id, as delivered (DECISIONS 32: no inactivity rule splits or
-- merges them), and may cross midnight and even accounts, so a run recomputes whole,
-- from all its days, every session with an event, as delivered now or before, on an
-- account-day the change log lists (the account-days the new loads change). The
-- as_of_date cut drops nothing on the default as_of_date (the latest day
-- of a clean product event of a non-test account, which the session days are):
-- setting saas_kpis_as_of_date needs --full-refresh, like any KPI var.
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
    where
        activity_date <= {{ as_of_date() }}
        and {{ changed_sessions_filter(product_activity_sources(), 'session_id') }}
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
