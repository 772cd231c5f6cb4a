-- Customer effort score per month and touchpoint (kpis.md, DECISIONS 35): the mean
-- answer on the 1-7 scale (7 = easiest) and the share of low-effort answers (5-7). A
-- month x touchpoint with sends but no answers has null scores.
with

survey_responses as (
    select
        response_month as month,
        touchpoint,
        score,
        response_class,
        is_answered
    from {{ ref('int_survey_responses_classified') }}
    where survey_type = 'ces'
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

efforts_aggregated as (
    select
        month,
        touchpoint,
        count(case when is_answered then 1 end) as responses,
        avg(cast(score as {{ type_double() }})) as avg_ces,
        count(case when response_class = 'low_effort' then 1 end) as low_effort_responses
    from survey_responses
    group by
        month,
        touchpoint
),

final as (
    select
        efforts_aggregated.month,
        efforts_aggregated.touchpoint,
        efforts_aggregated.responses,
        efforts_aggregated.avg_ces,
        efforts_aggregated.low_effort_responses,
        {{ safe_divide(
            'efforts_aggregated.low_effort_responses',
            'efforts_aggregated.responses'
        ) }} as low_effort_rate,
        months.is_complete_month
    from efforts_aggregated
    inner join months
        on efforts_aggregated.month = months.month
)

select * from final
