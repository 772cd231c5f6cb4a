{#-
    The clean, deduplicated app.onboarding_events rows (parsed, validated and
    deduplicated in base_app__onboarding_events).
-#}
with

base as (
    select * from {{ ref('base_app__onboarding_events') }}
),

final as (
    select
        event_id,
        account_id,
        user_id,
        step_key,
        status,
        occurred_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
