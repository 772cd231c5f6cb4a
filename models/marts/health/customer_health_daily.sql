{{ account_day_config(
    'health_sources', 'score_date', new_days_after='health_last_score_date(is_incremental())'
) }}

{#- The seed's components, in its component_order (macros/health_components.sql). -#}
{%- set components = health_components() %}
{%- set bands = var('saas_kpis_health_band_thresholds') %}
{#- The run's score days, looked up once (macros/health_run_days.sql). -#}
{%- set run_days = health_run_days(is_incremental()) %}
{%- set first_score_date = run_days['first_score_date'] %}
{#- The day a measured row is compared on: 30 days later (health_score_change_30d). -#}
{%- set scores_compared_day -%}
    cast({{ dbt.dateadd('day', 30, 'measured.score_date') }} as date)
{%- endset %}

-- The composite customer health score per account and day (kpis.md "Customer health",
-- DECISIONS 37-41): each component's raw measure mapped linearly onto 0..100 between
-- its bad and good values and clipped, weighted per lifecycle stage with the weights of
-- the available components renormalized, banded, explained by the component that costs
-- the most, and overridden where a CSM pinned the score. The components with their
-- order, every weight, bad and good value come from the health_score_components seed,
-- the bands from the saas_kpis_health_band_thresholds var.
--
-- Scored long, in one pass: the measures unpivoted to one row per account, day and
-- component by a join to the scorecard of the account-day's stage (every component of
-- the seed with its weight, bad and good value there), scored, then aggregated and
-- pivoted back to one row per account and day at once.
--
-- Incremental by account and day like its input (int_health_account_days_measured): the
-- same account-days are re-computed (health_changed_days_join, health_score_days_filter),
-- and only they and the days 30 days before them are read and scored (the change over 30
-- days is computed within the run): the measures are joined to the changed accounts on
-- the day 30 days later.
with

-- DECISIONS 40: `onboarding` while score_date - signup date < saas_kpis_onboarding_stage_days.
measures as (
    select
        measured.account_id,
        measured.score_date,
        {%- for component in components %}
            measured.{{ component }}_measure,
        {%- endfor %}
        case
            when
                {{ dbt.datediff('measured.signup_date', 'measured.score_date', 'day') }}
                < {{ var('saas_kpis_onboarding_stage_days') | int }}
                then 'onboarding'
            else 'adopted'
        end as lifecycle_stage
    from {{ ref('int_health_account_days_measured') }} as measured
    {{- health_changed_days_join(scores_compared_day, 'measured.account_id', run_days) }}
    where
        measured.score_date >= cast({{ dbt.dateadd('day', -30, first_score_date) }} as date)
        and {{ health_score_days_filter(scores_compared_day, run_days) }}
),

score_components as (
    select
        component,
        lifecycle_stage,
        cast(weight as {{ type_double() }}) as weight,
        cast(bad_value as {{ type_double() }}) as bad_value,
        cast(good_value as {{ type_double() }}) as good_value
    from {{ ref('int_health_score_components_configured') }}
),

score_overrides as (
    select
        account_id,
        health_score,
        reason,
        valid_from,
        valid_to
    from {{ ref('int_health_score_overrides_configured') }}
),

-- The stages that measures assigns.
lifecycle_stages as (
    select 'onboarding' as lifecycle_stage
    union all
    select 'adopted' as lifecycle_stage
),

component_list as (
    select component
    from score_components
    group by
        component
),

-- Each stage with every component of the seed: a component the stage's scorecard does
-- not list has no bad or good value there (it scores null) and weighs nothing.
scorecards as (
    select
        lifecycle_stages.lifecycle_stage,
        component_list.component,
        score_components.bad_value,
        score_components.good_value,
        coalesce(score_components.weight, 0) as weight
    from lifecycle_stages
    cross join component_list
    left join score_components
        on
            lifecycle_stages.lifecycle_stage = score_components.lifecycle_stage
            and component_list.component = score_components.component
),

-- The unpivot: one row per account, day and component, with the component's raw
-- measure and the weight, bad and good value of the account-day's stage.
component_measures as (
    select
        measures.account_id,
        measures.score_date,
        measures.lifecycle_stage,
        scorecards.component,
        case scorecards.component
            {%- for component in components %}
                when '{{ component }}' then measures.{{ component }}_measure
            {%- endfor %}
        end as measure,
        scorecards.weight,
        scorecards.bad_value,
        scorecards.good_value
    from measures
    inner join scorecards
        on measures.lifecycle_stage = scorecards.lifecycle_stage
),

-- Linear map: bad_value -> 0, good_value -> 100 (an inverted scale, bad > good, works
-- the same way); null when the measure is null (no data).
components_mapped as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        component,
        measure,
        weight,
        100 * {{ safe_divide('measure - bad_value', 'good_value - bad_value') }} as mapped_score
    from component_measures
),

-- Clipped to 0..100 (`<= 0` also turns the -0.0 of an inverted scale into 0).
components_scored as (
    select
        *,
        case
            when mapped_score <= 0 then cast(0 as {{ type_double() }})
            when mapped_score >= 100 then cast(100 as {{ type_double() }})
            else mapped_score
        end as score
    from components_mapped
),

-- What each available component costs the score: weight x (100 - score); 0 when
-- unavailable. DECISIONS 70: costs are rounded to 6 places, so that floating-point
-- noise never decides a tie (0.3 x (100 - 66.666...) and 0.2 x (100 - 50) both cost 10).
components_costed as (
    select
        *,
        case
            when score is not null then {{ round_places('weight * (100 - score)', 6) }}
            else 0
        end as cost
    from components_scored
),

-- Back to one row per account and day: each component's measure, score, weight and
-- cost side by side, the number of available components and the largest cost.
components_combined as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            max(case when component = '{{ component }}' then measure end)
                as {{ component }}_measure,
            max(case when component = '{{ component }}' then score end)
                as {{ component }}_score,
            max(case when component = '{{ component }}' then weight end)
                as {{ component }}_weight,
            max(case when component = '{{ component }}' then cost end)
                as {{ component }}_cost,
        {%- endfor %}
        count(score) as components_available,
        max(cost) as largest_cost
    from components_costed
    group by
        account_id,
        score_date,
        lifecycle_stage
),

-- The weighted mean over the available components (weights renormalized) is summed
-- across the row in component_order, not by sum() over the long rows: sum() adds in
-- whatever order the engine meets the rows, and floating-point addition depends on the
-- order, so the score would change in its last bits from one run to the next.
components_weighted as (
    select
        *,
        0
        {%- for component in components %}
            + case
                when {{ component }}_score is not null
                    then {{ component }}_weight * {{ component }}_score
                else 0
            end
        {%- endfor %} as weighted_score_sum,
        0
        {%- for component in components %}
            + case when {{ component }}_score is not null then {{ component }}_weight else 0 end
        {%- endfor %} as available_weight
    from components_combined
),

components_averaged as (
    select
        *,
        {{ safe_divide('weighted_score_sum', 'available_weight') }} as weighted_mean
    from components_weighted
),

-- DECISIONS 40: the component with the largest weighted shortfall, ties in the seed's
-- component_order; none when no available component costs anything.
risks_ranked as (
    select
        *,
        -- The mean of scores in 0..100 is in 0..100; only floating-point noise of the
        -- renormalization (100.00000000000001) can step outside, and is clipped.
        case
            when weighted_mean > 100 then cast(100 as {{ type_double() }})
            when weighted_mean < 0 then cast(0 as {{ type_double() }})
            else weighted_mean
        end as computed_health_score,
        case
            when largest_cost <= 0 then null
            {%- for component in components %}
                when {{ component }}_cost = largest_cost then '{{ component }}'
            {%- endfor %}
        end as top_risk_component
    from components_averaged
),

-- DECISIONS 41: a pin applies from valid_from to the day before valid_to (open without
-- one). Only pinned rows come out of this join; of two pins on one day, the one that
-- started last wins.
overrides_matched as (
    select
        risks_ranked.account_id,
        risks_ranked.score_date,
        score_overrides.reason as override_reason,
        cast(score_overrides.health_score as {{ type_double() }}) as override_score,
        row_number() over (
            partition by risks_ranked.account_id, risks_ranked.score_date
            order by score_overrides.valid_from desc, score_overrides.health_score desc
        ) as override_rank
    from risks_ranked
    inner join score_overrides
        on
            risks_ranked.account_id = score_overrides.account_id
            and risks_ranked.score_date >= cast(score_overrides.valid_from as date)
            and (
                score_overrides.valid_to is null
                or risks_ranked.score_date < cast(score_overrides.valid_to as date)
            )
),

scores_overridden as (
    select
        risks_ranked.*,
        overrides_matched.override_reason,
        coalesce(overrides_matched.override_score, risks_ranked.computed_health_score)
            as health_score,
        overrides_matched.override_score is not null as is_overridden
    from risks_ranked
    left join overrides_matched
        on
            risks_ranked.account_id = overrides_matched.account_id
            and risks_ranked.score_date = overrides_matched.score_date
            and overrides_matched.override_rank = 1
),

-- Bands from the saas_kpis_health_band_thresholds var (DECISIONS 40), and the change against the
-- row exactly 30 days earlier, null without one (DECISIONS 41).
scores_compared as (
    select
        scores_overridden.*,
        scores_30_days_earlier.health_score as health_score_30_days_earlier,
        case
            when scores_overridden.health_score >= {{ bands['healthy'] }} then 'healthy'
            when scores_overridden.health_score >= {{ bands['at_risk'] }} then 'at_risk'
            when scores_overridden.health_score is not null then 'critical'
        end as health_band
    from scores_overridden
    left join scores_overridden as scores_30_days_earlier
        on
            scores_overridden.account_id = scores_30_days_earlier.account_id
            and scores_overridden.score_date
            = cast({{ dbt.dateadd('day', 30, 'scores_30_days_earlier.score_date') }} as date)
    {{- health_changed_days_join(
        'scores_overridden.score_date', 'scores_overridden.account_id', run_days
    ) }}
    where
        scores_overridden.score_date >= {{ first_score_date }}
        and {{ health_score_days_filter('scores_overridden.score_date', run_days) }}
),

final as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            {{ component }}_score,
        {%- endfor %}
        cast(components_available as {{ dbt.type_bigint() }}) as components_available,
        computed_health_score,
        health_score,
        health_band,
        top_risk_component,
        is_overridden,
        cast(override_reason as {{ dbt.type_string() }}) as override_reason,
        {%- for component in components %}
            {{ component }}_measure,
        {%- endfor %}
        health_score - health_score_30_days_earlier as health_score_change_30d
    from scores_compared
)

select * from final
