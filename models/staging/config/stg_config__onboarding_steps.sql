{#-
    The onboarding step catalogue seed, cleaned like raw text (DECISIONS 2, 14, 71):
    step_key and category trimmed and lower-cased, so that a key the team typed with
    surrounding whitespace or capitals still matches the events.
-#}
with

onboarding_steps as (
    select * from {{ config_relation('onboarding_steps') }}
),

final as (
    select
        lower({{ clean_text('step_key') }}) as step_key,
        {{ clean_text('step_name') }} as step_name,
        step_order,
        lower({{ clean_text('category') }}) as category,
        is_required,
        is_activation_step
    from onboarding_steps
)

select * from final
