-- Escalation response time per month of ticket creation (kpis.md, DECISIONS 33): from
-- a ticket's first `escalated` event to the first public agent comment at or after
-- it. Every spine month has a row (DECISIONS 17).
with

tickets as (
    select
        month,
        escalation_response_minutes
    from {{ ref('fct_tickets') }}
    where is_escalated
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

escalations_aggregated as (
    select
        months.month,
        months.is_complete_month,
        count(tickets.month) as escalated_tickets,
        count(tickets.escalation_response_minutes) as responded_escalations,
        {{ percentile_cont('tickets.escalation_response_minutes', 0.5) }}
            as median_escalation_response_minutes,
        avg(tickets.escalation_response_minutes) as avg_escalation_response_minutes
    from months
    left join tickets
        on months.month = tickets.month
    group by
        months.month,
        months.is_complete_month
),

final as (
    select
        month,
        escalated_tickets,
        responded_escalations,
        median_escalation_response_minutes,
        avg_escalation_response_minutes,
        is_complete_month
    from escalations_aggregated
)

select * from final
