-- Every ticket of fct_tickets is counted once per month in each support mart: the
-- month x priority and month x category marts add up to the month's tickets, and the
-- escalation mart counts the month's escalated tickets. Returns the months that
-- disagree.
with

tickets as (
    select
        month,
        is_escalated
    from {{ ref('fct_tickets') }}
),

months as (
    select month from {{ ref('int_month_spine') }}
),

first_response_time as (
    select
        month,
        tickets
    from {{ ref('kpi_first_response_time') }}
),

resolution_time as (
    select
        month,
        tickets
    from {{ ref('kpi_resolution_time') }}
),

issue_types as (
    select
        month,
        tickets
    from {{ ref('kpi_ticket_issue_types') }}
),

escalation_response_time as (
    select
        month,
        escalated_tickets
    from {{ ref('kpi_escalation_response_time') }}
),

tickets_counted as (
    select
        month,
        count(*) as tickets,
        count(case when is_escalated then 1 end) as escalated_tickets
    from tickets
    group by
        month
),

first_response_summed as (
    select
        month,
        sum(tickets) as tickets
    from first_response_time
    group by
        month
),

resolution_summed as (
    select
        month,
        sum(tickets) as tickets
    from resolution_time
    group by
        month
),

issue_types_summed as (
    select
        month,
        sum(tickets) as tickets
    from issue_types
    group by
        month
),

compared as (
    select
        months.month,
        escalation_response_time.escalated_tickets as mart_escalated_tickets,
        coalesce(tickets_counted.tickets, 0) as fct_tickets,
        coalesce(first_response_summed.tickets, 0) as first_response_tickets,
        coalesce(resolution_summed.tickets, 0) as resolution_tickets,
        coalesce(issue_types_summed.tickets, 0) as issue_type_tickets,
        coalesce(tickets_counted.escalated_tickets, 0) as fct_escalated_tickets
    from months
    left join tickets_counted
        on months.month = tickets_counted.month
    left join first_response_summed
        on months.month = first_response_summed.month
    left join resolution_summed
        on months.month = resolution_summed.month
    left join issue_types_summed
        on months.month = issue_types_summed.month
    left join escalation_response_time
        on months.month = escalation_response_time.month
)

select * from compared
where
    first_response_tickets != fct_tickets
    or resolution_tickets != fct_tickets
    or issue_type_tickets != fct_tickets
    or mart_escalated_tickets is null
    or mart_escalated_tickets != fct_escalated_tickets
