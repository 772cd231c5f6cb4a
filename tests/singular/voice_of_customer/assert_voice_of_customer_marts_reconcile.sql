-- Every answered survey row of fct_survey_responses is counted once in its KPI mart:
-- per month, the responses of kpi_nps, kpi_csat (survey touchpoints, not
-- ticket_rating), kpi_customer_effort_score and kpi_resource_ratings add up to the
-- answers of that survey type. Returns the months and survey types that disagree.
with

survey_responses as (
    select
        month,
        survey_type
    from {{ ref('fct_survey_responses') }}
),

nps as (
    select
        month,
        responses
    from {{ ref('kpi_nps') }}
),

csat as (
    select
        month,
        touchpoint,
        responses
    from {{ ref('kpi_csat') }}
),

customer_effort_score as (
    select
        month,
        responses
    from {{ ref('kpi_customer_effort_score') }}
),

resource_ratings as (
    select
        month,
        ratings
    from {{ ref('kpi_resource_ratings') }}
),

answers_counted as (
    select
        month,
        survey_type,
        count(*) as answers
    from survey_responses
    where survey_type in ('nps', 'csat', 'ces', 'resource_rating')
    group by
        month,
        survey_type
),

mart_responses as (
    select
        month,
        'nps' as survey_type,
        responses
    from nps
    union all
    select
        month,
        'csat' as survey_type,
        responses
    from csat
    where touchpoint != 'ticket_rating'
    union all
    select
        month,
        'ces' as survey_type,
        responses
    from customer_effort_score
    union all
    select
        month,
        'resource_rating' as survey_type,
        ratings as responses
    from resource_ratings
),

mart_responses_summed as (
    select
        month,
        survey_type,
        sum(responses) as responses
    from mart_responses
    group by
        month,
        survey_type
),

compared as (
    select
        coalesce(answers_counted.month, mart_responses_summed.month) as month,
        coalesce(answers_counted.survey_type, mart_responses_summed.survey_type)
            as survey_type,
        coalesce(answers_counted.answers, 0) as fct_answers,
        coalesce(mart_responses_summed.responses, 0) as mart_responses
    from answers_counted
    full outer join mart_responses_summed
        on
            answers_counted.month = mart_responses_summed.month
            and answers_counted.survey_type = mart_responses_summed.survey_type
)

select * from compared
where fct_answers != mart_responses
