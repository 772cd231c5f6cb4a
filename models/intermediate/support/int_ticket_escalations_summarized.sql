-- Escalations per ticket (DECISIONS 33): the first `escalated` event, how many there
-- were, and the escalation response, the first public agent comment at or after the
-- first escalation. Every ticket has a row (escalation_count 0 when never escalated),
-- so the health score can count tickets and escalations from one model.
with

tickets as (
    select
        ticket_id,
        account_id,
        created_at
    from {{ ref('int_tickets_filtered') }}
),

ticket_events as (
    select
        ticket_id,
        event_type,
        actor_type,
        is_public,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
),

escalations_summarized as (
    select
        ticket_id,
        count(*) as escalation_count,
        min(occurred_at) as first_escalated_at
    from ticket_events
    where event_type = 'escalated'
    group by
        ticket_id
),

escalation_responses as (
    select
        escalations_summarized.ticket_id,
        min(ticket_events.occurred_at) as escalation_response_at
    from escalations_summarized
    inner join ticket_events
        on
            escalations_summarized.ticket_id = ticket_events.ticket_id
            and escalations_summarized.first_escalated_at <= ticket_events.occurred_at
    where
        ticket_events.event_type = 'comment'
        and ticket_events.actor_type = 'agent'
        and ticket_events.is_public
    group by
        escalations_summarized.ticket_id
),

final as (
    select
        tickets.ticket_id,
        tickets.account_id,
        coalesce(escalations_summarized.escalation_count, 0) as escalation_count,
        {{ seconds_between(
            'escalations_summarized.first_escalated_at',
            'escalation_responses.escalation_response_at'
        ) }} / 60 as escalation_response_minutes,
        escalations_summarized.first_escalated_at is not null as is_escalated,
        tickets.created_at,
        escalations_summarized.first_escalated_at,
        escalation_responses.escalation_response_at
    from tickets
    left join escalations_summarized
        on tickets.ticket_id = escalations_summarized.ticket_id
    left join escalation_responses
        on tickets.ticket_id = escalation_responses.ticket_id
)

select * from final
