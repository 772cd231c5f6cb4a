-- Status history per ticket (DECISIONS 33): the first change to `solved` gives the
-- first resolution, the last one the full resolution; a reopen is a change to `open`
-- whose previous status change was to `solved`.
with

tickets as (
    select
        ticket_id,
        account_id,
        created_at
    from {{ ref('int_tickets_filtered') }}
),

status_changes as (
    select
        event_id,
        ticket_id,
        new_status,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
    where
        event_type = 'status_change'
        and new_status is not null
),

-- The status each change moved away from; the event id breaks ties between changes
-- at the same instant so that the order is deterministic on every engine.
status_changes_sequenced as (
    select
        ticket_id,
        new_status,
        occurred_at,
        lag(new_status) over (
            partition by ticket_id
            order by occurred_at, event_id
        ) as previous_status
    from status_changes
),

statuses_summarized as (
    select
        ticket_id,
        count(case when new_status = 'solved' then 1 end) as solved_changes,
        count(
            case when new_status = 'open' and previous_status = 'solved' then 1 end
        ) as reopen_count,
        min(case when new_status = 'solved' then occurred_at end) as first_solved_at,
        max(case when new_status = 'solved' then occurred_at end) as last_solved_at
    from status_changes_sequenced
    group by
        ticket_id
),

final as (
    select
        tickets.ticket_id,
        tickets.account_id,
        coalesce(statuses_summarized.solved_changes, 0) as solved_changes,
        coalesce(statuses_summarized.reopen_count, 0) as reopen_count,
        {{ seconds_between('tickets.created_at', 'statuses_summarized.first_solved_at') }}
        / 60 as first_resolution_minutes,
        {{ seconds_between('tickets.created_at', 'statuses_summarized.last_solved_at') }}
        / 60 as full_resolution_minutes,
        statuses_summarized.first_solved_at is not null as is_solved,
        tickets.created_at,
        statuses_summarized.first_solved_at,
        statuses_summarized.last_solved_at
    from tickets
    left join statuses_summarized
        on tickets.ticket_id = statuses_summarized.ticket_id
)

select * from final
