-- The weights of each lifecycle stage's scorecard sum to 1, every stage lists each of
-- the six components exactly once with a non-negative weight and distinct bad and good
-- values (kpis.md "Customer health"), and both stages exist. Returns the offending
-- stages.
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

stages_checked as (
    select
        lifecycle_stage,
        sum(weight) as total_weight,
        count(*) as component_rows,
        count(distinct component) as distinct_components,
        sum(
            case
                when
                    component in (
                        'usage', 'utilization', 'onboarding', 'support', 'sentiment', 'billing'
                    )
                    then 1
                else 0
            end
        ) as known_component_rows,
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
        0 as known_component_rows,
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
    select *
    from stages_checked
    where
        abs(total_weight - 1) > 0.000001
        or component_rows != 6
        or distinct_components != 6
        or known_component_rows != 6
        or negative_weights > 0
        or flat_scales > 0
        or lifecycle_stage not in ('onboarding', 'adopted')
)

select * from final
