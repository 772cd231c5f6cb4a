-- Every ticket of fct_tickets is counted once per month in each support mart: the
-- month x priority and month x category marts add up to the month's tickets, and the
-- escalation mart counts the month's escalated tickets. Returns the months that
-- disagree.
{#- The marts with a `tickets` count per month and priority or category. -#}
{%- set ticket_marts = [
    'kpi_first_response_time', 'kpi_resolution_time', 'kpi_ticket_issue_types'
] %}
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
{%- for mart in ticket_marts %}

    {{ mart }} as (
        select
            month,
            tickets
        from {{ ref(mart) }}
    ),
{%- endfor %}

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
{%- for mart in ticket_marts %}

    {{ mart }}_summed as (
        select
            month,
            sum(tickets) as tickets
        from {{ mart }}
        group by
            month
    ),
{%- endfor %}

compared as (
    select
        months.month,
        escalation_response_time.escalated_tickets as mart_escalated_tickets,
        coalesce(tickets_counted.tickets, 0) as fct_tickets,
        {%- for mart in ticket_marts %}
            coalesce({{ mart }}_summed.tickets, 0) as {{ mart }}_tickets,
        {%- endfor %}
        coalesce(tickets_counted.escalated_tickets, 0) as fct_escalated_tickets
    from months
    left join tickets_counted
        on months.month = tickets_counted.month
    {%- for mart in ticket_marts %}
        left join {{ mart }}_summed
            on months.month = {{ mart }}_summed.month
    {%- endfor %}
    left join escalation_response_time
        on months.month = escalation_response_time.month
)

select * from compared
where
    {%- for mart in ticket_marts %}
        {{ mart }}_tickets != fct_tickets or
    {%- endfor %}
    mart_escalated_tickets is null
    or mart_escalated_tickets != fct_escalated_tickets
