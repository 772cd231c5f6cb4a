{#- Answer scale of each survey type (raw_sources.md): the normalized score maps it
    linearly onto 0..100. -#}
{%- set score_scales = {
    'nps': [0, 10],
    'csat': [1, 5],
    'ces': [1, 7],
    'cxi': [1, 5],
    'resource_rating': [1, 5],
} -%}

-- Every survey send of a customer account as of the end of as_of_date, answered or
-- not, with its reporting month, its score normalized to 0..100 and its class
-- (promoter / passive / detractor, satisfied, low effort, helpful). The voice of the
-- customer marts count sends (response rates) and answers from here; the health score
-- reads the answers of each account.
with

survey_responses as (
    select
        response_id,
        account_id,
        user_id,
        survey_type,
        question_key,
        touchpoint,
        score,
        sent_at,
        responded_at
    from {{ ref('stg_surveys__survey_responses') }}
),

accounts as (
    select account_id from {{ ref('int_accounts_cohorted') }}
),

-- DECISIONS 16: a send after as_of_date has not happened yet, and an answer given
-- after it is not known yet (the send then still counts, as unanswered).
responses_as_of_date as (
    select
        survey_responses.response_id,
        survey_responses.account_id,
        survey_responses.user_id,
        survey_responses.survey_type,
        survey_responses.question_key,
        survey_responses.touchpoint,
        case
            when cast(survey_responses.responded_at as date) <= {{ as_of_date() }}
                then survey_responses.score
        end as score,
        survey_responses.sent_at,
        case
            when cast(survey_responses.responded_at as date) <= {{ as_of_date() }}
                then survey_responses.responded_at
        end as responded_at
    from survey_responses
    inner join accounts
        on survey_responses.account_id = accounts.account_id
    where
        cast(survey_responses.responded_at as date) <= {{ as_of_date() }}
        or cast(survey_responses.sent_at as date) <= {{ as_of_date() }}
),

final as (
    select
        response_id,
        account_id,
        user_id,
        survey_type,
        question_key,
        case when survey_type = 'resource_rating' then question_key end as resource_key,
        touchpoint,
        score,
        case
            {%- for survey_type, scale in score_scales.items() %}
                when survey_type = '{{ survey_type }}'
                    then 100 * cast(score - {{ scale[0] }} as {{ type_double() }})
                        / {{ scale[1] - scale[0] }}
            {%- endfor %}
        end as normalized_score,
        case
            when survey_type = 'nps' and score >= 9 then 'promoter'
            when survey_type = 'nps' and score >= 7 then 'passive'
            when survey_type = 'nps' and score >= 0 then 'detractor'
            when survey_type = 'csat' and score >= 4 then 'satisfied'
            when survey_type = 'csat' and score >= 1 then 'not_satisfied'
            when survey_type = 'ces' and score >= 5 then 'low_effort'
            when survey_type = 'ces' and score >= 1 then 'not_low_effort'
            when survey_type = 'resource_rating' and score >= 4 then 'helpful'
            when survey_type = 'resource_rating' and score >= 1 then 'not_helpful'
        end as response_class,
        responded_at is not null as is_answered,
        -- DECISIONS 35: a row belongs to the month it was answered in, else sent in.
        cast(
            {{ dbt.date_trunc('month', 'coalesce(responded_at, sent_at)') }} as date
        ) as response_month,
        sent_at,
        responded_at
    from responses_as_of_date
)

select * from final
