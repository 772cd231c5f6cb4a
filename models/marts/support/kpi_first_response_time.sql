-- First response time per month of ticket creation and priority (kpis.md, DECISIONS
-- 33). A ticket without a response counts in `tickets`, has no duration (left out of
-- the percentiles, never 0) and breaches its SLA.
{#- The priorities of the ticket contract (raw_sources.md); their SLAs are a var. -#}
{%- set priorities = ['urgent', 'high', 'normal', 'low'] %}
with

tickets as (
    select
        month,
        priority,
        first_response_minutes
    from {{ ref('fct_tickets') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- The SLA of each priority comes from the saas_kpis_first_response_sla_minutes var.
tickets_with_sla as (
    select
        month,
        priority,
        first_response_minutes,
        case
            {%- for priority in priorities %}
                when priority = '{{ priority }}'
                    then {{ var('saas_kpis_first_response_sla_minutes')[priority] }}
            {%- endfor %}
        end as first_response_sla_minutes
    from tickets
),

responses_aggregated as (
    select
        month,
        priority,
        max(first_response_sla_minutes) as first_response_sla_minutes,
        count(*) as tickets,
        count(first_response_minutes) as responded_tickets,
        {{ percentile_cont('first_response_minutes', 0.5) }}
            as median_first_response_minutes,
        {{ percentile_cont('first_response_minutes', 0.9) }}
            as p90_first_response_minutes,
        avg(first_response_minutes) as avg_first_response_minutes,
        count(
            case when first_response_minutes <= first_response_sla_minutes then 1 end
        ) as responded_within_sla
    from tickets_with_sla
    group by
        month,
        priority
),

final as (
    select
        responses_aggregated.month,
        responses_aggregated.priority,
        cast(responses_aggregated.first_response_sla_minutes as {{ dbt.type_bigint() }})
            as first_response_sla_minutes,
        responses_aggregated.tickets,
        responses_aggregated.responded_tickets,
        responses_aggregated.median_first_response_minutes,
        responses_aggregated.p90_first_response_minutes,
        responses_aggregated.avg_first_response_minutes,
        responses_aggregated.responded_within_sla,
        {{ safe_divide(
            'responses_aggregated.responded_within_sla',
            'responses_aggregated.tickets'
        ) }} as sla_attainment_rate,
        months.is_complete_month
    from responses_aggregated
    inner join months
        on responses_aggregated.month = months.month
)

select * from final
