-- One row per ticket of a customer account created by the end of as_of_date, with its
-- timings in calendar minutes (DECISIONS 33, 34) from int_tickets_summarized and its
-- latest rating; a timing that has not happened is null, never 0.
with

tickets as (
    select
        ticket_id,
        account_id,
        created_month,
        created_at,
        category,
        priority,
        channel
    from {{ ref('int_tickets_filtered') }}
),

tickets_summarized as (
    select
        ticket_id,
        first_response_at,
        first_response_minutes,
        first_resolution_minutes,
        full_resolution_minutes,
        reopen_count,
        public_agent_replies,
        is_escalated,
        escalation_response_minutes
    from {{ ref('int_tickets_summarized') }}
),

ratings as (
    select
        ticket_id,
        satisfaction
    from {{ ref('int_ticket_ratings_deduplicated') }}
),

final as (
    select
        tickets.ticket_id,
        tickets.account_id,
        tickets.created_month as month,
        tickets.created_at,
        tickets.category,
        tickets.priority,
        tickets.channel,
        tickets_summarized.first_response_at,
        tickets_summarized.first_response_minutes,
        tickets_summarized.first_resolution_minutes,
        tickets_summarized.full_resolution_minutes,
        tickets_summarized.reopen_count,
        tickets_summarized.public_agent_replies,
        tickets_summarized.is_escalated,
        tickets_summarized.escalation_response_minutes,
        ratings.satisfaction
    from tickets
    inner join tickets_summarized
        on tickets.ticket_id = tickets_summarized.ticket_id
    left join ratings
        on tickets.ticket_id = ratings.ticket_id
)

select * from final
