-- A view, like the staging view of the seed it reads: an edited seed reaches the marts
-- without this model being rebuilt.
{{ config(materialized='view') }}

-- One row per product feature of the feature map (product_features seed, DECISIONS 14)
-- with its display name: several event names can map to one feature, and the name
-- that sorts last among theirs wins.
with

product_features as (
    select
        feature_key,
        feature_name
    from {{ ref('stg_config__product_features') }}
),

final as (
    select
        feature_key,
        max(feature_name) as feature_name
    from product_features
    group by
        feature_key
)

select * from final
