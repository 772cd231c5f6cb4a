-- Net Promoter Score per month and touchpoint (kpis.md, DECISIONS 35). Every send of
-- the month counts in surveys_sent; passives count in the responses (the
-- denominator); a month x touchpoint with sends but no answers has a null NPS.
with

survey_responses as (
    select
        response_month as month,
        touchpoint,
        response_class,
        is_answered
    from {{ ref('int_survey_responses_classified') }}
    where survey_type = 'nps'
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

responses_aggregated as (
    select
        month,
        touchpoint,
        count(*) as surveys_sent,
        count(case when is_answered then 1 end) as responses,
        count(case when response_class = 'promoter' then 1 end) as promoters,
        count(case when response_class = 'passive' then 1 end) as passives,
        count(case when response_class = 'detractor' then 1 end) as detractors
    from survey_responses
    group by
        month,
        touchpoint
),

final as (
    select
        responses_aggregated.month,
        responses_aggregated.touchpoint,
        responses_aggregated.surveys_sent,
        responses_aggregated.responses,
        {{ safe_divide(
            'responses_aggregated.responses',
            'responses_aggregated.surveys_sent'
        ) }} as response_rate,
        responses_aggregated.promoters,
        responses_aggregated.passives,
        responses_aggregated.detractors,
        100 * {{ safe_divide(
            'responses_aggregated.promoters - responses_aggregated.detractors',
            'responses_aggregated.responses'
        ) }} as nps,
        months.is_complete_month
    from responses_aggregated
    inner join months
        on responses_aggregated.month = months.month
)

select * from final
