{%- set components = ['effort', 'empathy', 'understanding', 'efficiency'] -%}

-- Customer experience index per month (kpis.md, DECISIONS 36): each component is the
-- mean of its answers mapped from 1..5 onto 0..100; cxi is the mean of the four and
-- null unless all four have answers. Every spine month has a row (DECISIONS 17).
with

survey_responses as (
    select
        response_month as month,
        user_id,
        question_key,
        normalized_score
    from {{ ref('int_survey_responses_classified') }}
    where
        survey_type = 'cxi'
        and is_answered
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

components_aggregated as (
    select
        months.month,
        months.is_complete_month,
        {%- for component in components %}
            avg(
                case
                    when survey_responses.question_key = '{{ component }}'
                        then survey_responses.normalized_score
                end
            ) as {{ component }}_score,
        {%- endfor %}
        count(distinct survey_responses.user_id) as respondents
    from months
    left join survey_responses
        on months.month = survey_responses.month
    group by
        months.month,
        months.is_complete_month
),

-- A null component makes the sum, and so cxi, null (DECISIONS 36).
final as (
    select
        month,
        respondents,
        {%- for component in components %}
            {{ component }}_score,
        {%- endfor %}
        (
            {%- for component in components %}
                {{ component }}_score
                {{- ' +' if not loop.last }}
            {%- endfor %}
        ) / {{ components | length }} as cxi,
        is_complete_month
    from components_aggregated
)

select * from final
