-- The timings and counts of each reported ticket, from its events up to as_of_date
-- (DECISIONS 33, 57): one row per ticket, one summary per idea.
-- - Replies: the first response is the first public agent comment at or after the
--   ticket's creation (customer comments, internal notes and system comments are not
--   responses); public_agent_replies counts every public agent comment.
-- - Statuses: the first change to `solved` gives the first resolution, the last one the
--   full resolution; a reopen is a change to `open` whose previous status change was to
--   `solved`.
-- - Escalations: the first `escalated` event, how many there were, and the escalation
--   response, the first public agent comment at or after the first escalation.
with

tickets as (
    select
        ticket_id,
        created_at
    from {{ ref('int_tickets_filtered') }}
),

public_agent_comments as (
    select
        ticket_id,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
    where
        event_type = 'comment'
        and actor_type = 'agent'
        and is_public
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

escalated_events as (
    select
        ticket_id,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
    where event_type = 'escalated'
),

replies_summarized as (
    select
        tickets.ticket_id,
        min(
            case
                when public_agent_comments.occurred_at >= tickets.created_at
                    then public_agent_comments.occurred_at
            end
        ) as first_response_at,
        count(public_agent_comments.ticket_id) as public_agent_replies
    from tickets
    left join public_agent_comments
        on tickets.ticket_id = public_agent_comments.ticket_id
    group by
        tickets.ticket_id
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

escalations_summarized as (
    select
        ticket_id,
        count(*) as escalation_count,
        min(occurred_at) as first_escalated_at
    from escalated_events
    group by
        ticket_id
),

escalation_responses as (
    select
        escalations_summarized.ticket_id,
        min(public_agent_comments.occurred_at) as escalation_response_at
    from escalations_summarized
    inner join public_agent_comments
        on
            escalations_summarized.ticket_id = public_agent_comments.ticket_id
            and escalations_summarized.first_escalated_at <= public_agent_comments.occurred_at
    group by
        escalations_summarized.ticket_id
),

final as (
    select
        tickets.ticket_id,
        replies_summarized.public_agent_replies,
        {{ seconds_between('tickets.created_at', 'replies_summarized.first_response_at') }}
        / 60 as first_response_minutes,
        coalesce(statuses_summarized.solved_changes, 0) as solved_changes,
        coalesce(statuses_summarized.reopen_count, 0) as reopen_count,
        {{ seconds_between('tickets.created_at', 'statuses_summarized.first_solved_at') }}
        / 60 as first_resolution_minutes,
        {{ seconds_between('tickets.created_at', 'statuses_summarized.last_solved_at') }}
        / 60 as full_resolution_minutes,
        statuses_summarized.first_solved_at is not null as is_solved,
        coalesce(escalations_summarized.escalation_count, 0) as escalation_count,
        {{ seconds_between(
            'escalations_summarized.first_escalated_at',
            'escalation_responses.escalation_response_at'
        ) }} / 60 as escalation_response_minutes,
        escalations_summarized.first_escalated_at is not null as is_escalated,
        replies_summarized.first_response_at,
        statuses_summarized.first_solved_at,
        statuses_summarized.last_solved_at,
        escalations_summarized.first_escalated_at,
        escalation_responses.escalation_response_at
    from tickets
    inner join replies_summarized
        on tickets.ticket_id = replies_summarized.ticket_id
    left join statuses_summarized
        on tickets.ticket_id = statuses_summarized.ticket_id
    left join escalations_summarized
        on tickets.ticket_id = escalations_summarized.ticket_id
    left join escalation_responses
        on tickets.ticket_id = escalation_responses.ticket_id
)

select * from final
