-- Help-resource ratings per month and resource (kpis.md, DECISIONS 35, 36): ratings
-- of 1-5, helpful when 4-5. A resource that was sent for rating but not rated in the
-- month has a row with null scores.
with

survey_responses as (
    select
        response_month as month,
        resource_key,
        score,
        response_class,
        is_answered
    from {{ ref('int_survey_responses_classified') }}
    where survey_type = 'resource_rating'
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

ratings_aggregated as (
    select
        month,
        resource_key,
        count(case when is_answered then 1 end) as ratings,
        avg(cast(score as {{ type_double() }})) as avg_rating,
        count(case when response_class = 'helpful' then 1 end) as helpful_ratings
    from survey_responses
    group by
        month,
        resource_key
),

final as (
    select
        ratings_aggregated.month,
        ratings_aggregated.resource_key,
        ratings_aggregated.ratings,
        ratings_aggregated.avg_rating,
        ratings_aggregated.helpful_ratings,
        {{ safe_divide(
            'ratings_aggregated.helpful_ratings',
            'ratings_aggregated.ratings'
        ) }} as helpful_rate,
        months.is_complete_month
    from ratings_aggregated
    inner join months
        on ratings_aggregated.month = months.month
)

select * from final
