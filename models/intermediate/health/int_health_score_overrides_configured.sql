-- A view, like the staging view of the seed it reads: an edited seed reaches the marts
-- without this model being rebuilt.
{{ config(materialized='view') }}

-- The CSMs' pins of an account's health score as configured (health_score_overrides
-- seed, DECISIONS 41), read by the health mart so that marts read only intermediate
-- models. Nothing to transform: the import is the final step.
with

final as (
    select
        account_id,
        health_score,
        reason,
        valid_from,
        valid_to
    from {{ ref('stg_config__health_score_overrides') }}
)

select * from final
