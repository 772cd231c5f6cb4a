-- One row per answered survey question of a customer account, answered by the end of
-- as_of_date, in the month it was answered (DECISIONS 35), with its score normalized
-- to 0..100 and its class. Sends without an answer are not here: they stay in
-- int_survey_responses_classified (is_answered = false), where the KPI marts count
-- surveys_sent.
with

survey_responses as (
    select * from {{ ref('int_survey_responses_classified') }}
),

final as (
    select
        response_id,
        account_id,
        user_id,
        survey_type,
        question_key,
        resource_key,
        touchpoint,
        response_month as month,
        cast(score as {{ dbt.type_bigint() }}) as score,
        normalized_score,
        response_class,
        sent_at,
        responded_at
    from survey_responses
    where is_answered
)

select * from final
