-- Agent replies per ticket (DECISIONS 33, 57): the first response is the first public
-- agent comment at or after the ticket's creation (customer comments, internal notes
-- and system comments are not responses); public_agent_replies counts every public
-- agent comment over the ticket's life up to as_of_date.
with

tickets as (
    select
        ticket_id,
        account_id,
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

final as (
    select
        tickets.ticket_id,
        tickets.account_id,
        replies_summarized.public_agent_replies,
        {{ seconds_between('tickets.created_at', 'replies_summarized.first_response_at') }}
        / 60 as first_response_minutes,
        tickets.created_at,
        replies_summarized.first_response_at
    from tickets
    inner join replies_summarized
        on tickets.ticket_id = replies_summarized.ticket_id
)

select * from final
