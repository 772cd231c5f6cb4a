-- A view, like the staging view of the seed it reads: an edited seed reaches the marts
-- without this model being rebuilt.
{{ config(materialized='view') }}

-- The health score's scorecards as configured (health_score_components seed, DECISIONS
-- 37-40): each component's weight, bad and good value per lifecycle stage, read by the
-- health mart so that marts read only intermediate models. Nothing to transform: the
-- import is the final step.
with

final as (
    select
        component,
        lifecycle_stage,
        weight,
        bad_value,
        good_value,
        component_order
    from {{ ref('stg_config__health_score_components') }}
)

select * from final
