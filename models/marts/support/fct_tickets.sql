-- One row per ticket of a customer account created by the end of as_of_date, with its
-- timings in calendar minutes (DECISIONS 33, 34). Each timing comes from the
-- intermediate model of its idea; a timing that has not happened is null, never 0.
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

replies as (
    select
        ticket_id,
        first_response_at,
        first_response_minutes,
        public_agent_replies
    from {{ ref('int_ticket_replies_summarized') }}
),

statuses as (
    select
        ticket_id,
        first_resolution_minutes,
        full_resolution_minutes,
        reopen_count
    from {{ ref('int_ticket_statuses_summarized') }}
),

escalations as (
    select
        ticket_id,
        is_escalated,
        escalation_response_minutes
    from {{ ref('int_ticket_escalations_summarized') }}
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
        replies.first_response_at,
        replies.first_response_minutes,
        statuses.first_resolution_minutes,
        statuses.full_resolution_minutes,
        statuses.reopen_count,
        replies.public_agent_replies,
        escalations.is_escalated,
        escalations.escalation_response_minutes,
        ratings.satisfaction
    from tickets
    inner join replies
        on tickets.ticket_id = replies.ticket_id
    inner join statuses
        on tickets.ticket_id = statuses.ticket_id
    inner join escalations
        on tickets.ticket_id = escalations.ticket_id
    left join ratings
        on tickets.ticket_id = ratings.ticket_id
)

select * from final
