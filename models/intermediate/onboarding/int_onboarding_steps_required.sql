-- A view, like the staging view of the seed it reads: an edited seed reaches the marts
-- without this model being rebuilt.
{{ config(materialized='view') }}

-- The required steps of the onboarding programme (onboarding_steps seed, DECISIONS 14),
-- in funnel order: the stages of the onboarding funnel, the one place that says which
-- steps they are, for int_funnel_steps_reached and the funnel mart.
with

onboarding_steps as (
    select
        step_key,
        step_name,
        step_order,
        is_required
    from {{ ref('stg_config__onboarding_steps') }}
),

final as (
    select
        step_key,
        step_name,
        step_order
    from onboarding_steps
    where is_required
)

select * from final
