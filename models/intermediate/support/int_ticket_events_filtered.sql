-- The events of the reported tickets that happened by the end of as_of_date
-- (DECISIONS 16), with the ticket's account and creation instant so that every
-- per-ticket timing model reads one place.
with

ticket_events as (
    select
        event_id,
        ticket_id,
        event_type,
        actor_type,
        is_public,
        new_status,
        satisfaction,
        occurred_at
    from {{ ref('stg_support__ticket_events') }}
),

tickets as (
    select
        ticket_id,
        account_id,
        created_at
    from {{ ref('int_tickets_filtered') }}
),

final as (
    select
        ticket_events.event_id,
        ticket_events.ticket_id,
        tickets.account_id,
        ticket_events.event_type,
        ticket_events.actor_type,
        ticket_events.is_public,
        ticket_events.new_status,
        ticket_events.satisfaction,
        tickets.created_at as ticket_created_at,
        ticket_events.occurred_at
    from ticket_events
    inner join tickets
        on ticket_events.ticket_id = tickets.ticket_id
    where cast(ticket_events.occurred_at as date) <= {{ as_of_date() }}
)

select * from final
