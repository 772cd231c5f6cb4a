-- The team's onboarding programme, typed as the package's onboarding_steps seed; the
-- saas_kpis_onboarding_steps_relation var points the package at this model.
select
    step_key,
    step_name,
    cast(step_order as integer) as step_order,
    category,
    cast(is_required as boolean) as is_required,
    cast(is_activation_step as boolean) as is_activation_step
from {{ source('team_config', 'onboarding_steps') }}
