{#-
    The clean, deduplicated surveys.survey_responses rows (parsed, validated and
    deduplicated in base_surveys__survey_responses).
-#}
with

base as (
    select * from {{ ref('base_surveys__survey_responses') }}
),

final as (
    select
        response_id,
        account_id,
        user_id,
        survey_type,
        question_key,
        touchpoint,
        score,
        comment,
        sent_at,
        responded_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
