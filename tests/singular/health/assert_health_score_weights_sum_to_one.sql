-- The weights of each lifecycle stage's scorecard sum to 1, every stage lists each
-- component of the seed exactly once with a non-negative weight and distinct bad and
-- good values (kpis.md "Customer health"), and both stages exist. The component list
-- is the seed's own: a component listed in one stage only is missing from the others.
-- Returns the offending stages.
with

score_components as (
    select
        component,
        lifecycle_stage,
        weight,
        bad_value,
        good_value
    from {{ ref('stg_config__health_score_components') }}
),

component_list as (
    select count(distinct component) as components
    from score_components
),

stages_checked as (
    select
        lifecycle_stage,
        sum(weight) as total_weight,
        count(*) as component_rows,
        count(distinct component) as distinct_components,
        sum(case when weight < 0 then 1 else 0 end) as negative_weights,
        sum(case when bad_value = good_value then 1 else 0 end) as flat_scales
    from score_components
    group by
        lifecycle_stage
),

expected_stages as (
    select 'onboarding' as lifecycle_stage
    union all
    select 'adopted' as lifecycle_stage
),

missing_stages as (
    select
        expected_stages.lifecycle_stage,
        cast(null as {{ type_double() }}) as total_weight,
        0 as component_rows,
        0 as distinct_components,
        0 as negative_weights,
        0 as flat_scales
    from expected_stages
    left join stages_checked
        on expected_stages.lifecycle_stage = stages_checked.lifecycle_stage
    where stages_checked.lifecycle_stage is null
),

final as (
    select *
    from missing_stages
    union all
    select stages_checked.*
    from stages_checked
    cross join component_list
    where
        abs(stages_checked.total_weight - 1) > 0.000001
        or stages_checked.component_rows != component_list.components
        or stages_checked.distinct_components != component_list.components
        or stages_checked.negative_weights > 0
        or stages_checked.flat_scales > 0
        or stages_checked.lifecycle_stage not in ('onboarding', 'adopted')
)

select * from final
