-- Customer satisfaction per month and touchpoint (kpis.md, DECISIONS 35): CSAT survey
-- answers of 4-5 are satisfied; ticket satisfaction ratings count as touchpoint
-- `ticket_rating` (good = satisfied), the latest rating per ticket in the month it was
-- given. A month x touchpoint with sends but no answers has a null csat.
with

survey_responses as (
    select
        response_month as month,
        touchpoint,
        response_class,
        is_answered
    from {{ ref('int_survey_responses_classified') }}
    where survey_type = 'csat'
),

ticket_ratings as (
    select
        rated_month,
        is_satisfied
    from {{ ref('int_ticket_ratings_deduplicated') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- Survey answers and ticket ratings on one footing: one row per send or rating.
satisfaction_answers as (
    select
        month,
        touchpoint,
        is_answered,
        response_class = 'satisfied' as is_satisfied
    from survey_responses
    union all
    select
        rated_month as month,
        'ticket_rating' as touchpoint,
        true as is_answered,
        is_satisfied
    from ticket_ratings
),

satisfaction_aggregated as (
    select
        month,
        touchpoint,
        count(case when is_answered then 1 end) as responses,
        count(case when is_answered and is_satisfied then 1 end) as satisfied_responses
    from satisfaction_answers
    group by
        month,
        touchpoint
),

final as (
    select
        satisfaction_aggregated.month,
        satisfaction_aggregated.touchpoint,
        satisfaction_aggregated.responses,
        satisfaction_aggregated.satisfied_responses,
        {{ safe_divide(
            'satisfaction_aggregated.satisfied_responses',
            'satisfaction_aggregated.responses'
        ) }} as csat,
        months.is_complete_month
    from satisfaction_aggregated
    inner join months
        on satisfaction_aggregated.month = months.month
)

select * from final
