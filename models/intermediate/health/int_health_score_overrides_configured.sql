-- The CSMs' pins of an account's health score as configured (health_score_overrides
-- seed, DECISIONS 41), read by the health mart so that marts read only intermediate
-- models.
with

score_overrides as (
    select
        account_id,
        health_score,
        reason,
        valid_from,
        valid_to
    from {{ ref('stg_config__health_score_overrides') }}
),

final as (
    select
        account_id,
        health_score,
        reason,
        valid_from,
        valid_to
    from score_overrides
)

select * from final
