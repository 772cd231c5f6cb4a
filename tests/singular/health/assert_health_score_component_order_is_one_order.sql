-- The seed's component_order is one order of the components (DECISIONS 40): every
-- component has the same place in every stage, and no two components share a place,
-- so that the tie of top_risk_component and customer_health_daily's column order never
-- depend on the engine. Returns the offending components.
with

score_components as (
    select
        component,
        component_order
    from {{ ref('stg_config__health_score_components') }}
),

component_places as (
    select
        component,
        min(component_order) as component_order,
        count(distinct component_order) as places
    from score_components
    group by
        component
),

places_shared as (
    select
        component_order,
        count(*) as components
    from component_places
    group by
        component_order
),

final as (
    select
        component_places.component,
        component_places.component_order,
        component_places.places,
        places_shared.components as components_in_place
    from component_places
    inner join places_shared
        on component_places.component_order = places_shared.component_order
    where
        component_places.places != 1
        or places_shared.components != 1
)

select * from final
