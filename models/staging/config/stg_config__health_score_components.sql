{#-
    The health score component seed, cleaned (DECISIONS 71): component and
    lifecycle_stage trimmed and lower-cased, the keys customer_health_daily matches.
-#}
with

health_score_components as (
    select * from {{ config_relation('health_score_components') }}
),

final as (
    select
        lower({{ clean_text('component') }}) as component,
        lower({{ clean_text('lifecycle_stage') }}) as lifecycle_stage,
        weight,
        bad_value,
        good_value,
        component_order
    from health_score_components
)

select * from final
