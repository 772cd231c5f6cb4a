-- Support load per account and day, for the health score's support component
-- (kpis.md, DECISIONS 38): tickets created and `escalated` events on each UTC day.
-- Only days with at least one of them have a row.
with

tickets as (
    select
        account_id,
        created_at
    from {{ ref('int_tickets_filtered') }}
),

escalated_events as (
    select
        account_id,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
    where event_type = 'escalated'
),

support_facts as (
    select
        account_id,
        cast(created_at as date) as activity_date,
        'ticket_created' as fact_kind
    from tickets
    union all
    select
        account_id,
        cast(occurred_at as date) as activity_date,
        'escalated' as fact_kind
    from escalated_events
),

final as (
    select
        account_id,
        activity_date,
        count(case when fact_kind = 'ticket_created' then 1 end) as tickets_created,
        count(case when fact_kind = 'escalated' then 1 end) as escalated_events
    from support_facts
    group by
        account_id,
        activity_date
)

select * from final
