{{
    config(
        materialized=account_day_materialization(),
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'test_window_column': 'score_date'},
        pre_hook="{{ delete_changed_account_days(
            health_sources(), 'score_date', new_days_after=health_last_score_date(is_incremental())
        ) }}",
        post_hook="{{ record_load_watermarks(health_sources()) }}",
    )
}}

{#- The components, in the order that breaks ties of top_risk_component (DECISIONS 40). -#}
{%- set components = ['usage', 'utilization', 'onboarding', 'support', 'sentiment', 'billing'] %}
{%- set bands = var('saas_kpis_health_band_thresholds') %}
{%- set first_score_date = health_first_score_date(is_incremental()) %}

-- The composite customer health score per account and day (kpis.md "Customer health",
-- DECISIONS 37-41): each component's raw measure mapped linearly onto 0..100 between
-- its bad and good values and clipped, weighted per lifecycle stage with the weights of
-- the available components renormalized, banded, explained by the component that costs
-- the most, and overridden where a CSM pinned the score. Every weight, bad and good
-- value comes from the health_score_components seed, the bands from the
-- saas_kpis_health_band_thresholds var.
--
-- Incremental by account and day like its input (int_health_account_days_measured): the
-- same account-days are re-computed (health_score_days_filter); 30 more days are read
-- so that the change over 30 days can be computed within the run.
with

measures as (
    select
        account_id,
        score_date,
        {%- for component in components %}
            {{ component }}_measure,
        {%- endfor %}
        signup_date
    from {{ ref('int_health_account_days_measured') }}
    where score_date >= cast({{ dbt.dateadd('day', -30, first_score_date) }} as date)
),

score_components as (
    select
        component,
        lifecycle_stage,
        weight,
        bad_value,
        good_value
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

-- One scorecard per lifecycle stage: each component's weight, bad and good value side
-- by side. A component missing from a stage's scorecard weighs nothing there.
scorecards as (
    select
        lifecycle_stage,
        {%- for component in components %}
            coalesce(
                max(case when component = '{{ component }}' then weight end), 0
            ) as {{ component }}_weight,
            max(
                case
                    when component = '{{ component }}'
                        then cast(bad_value as {{ type_double() }})
                end
            ) as {{ component }}_bad_value,
            max(
                case
                    when component = '{{ component }}'
                        then cast(good_value as {{ type_double() }})
                end
            ) as {{ component }}_good_value,
        {%- endfor %}
        count(*) as scorecard_components
    from score_components
    group by
        lifecycle_stage
),

-- DECISIONS 40: `onboarding` while score_date - signup date < saas_kpis_onboarding_stage_days.
measures_staged as (
    select
        account_id,
        score_date,
        {%- for component in components %}
            {{ component }}_measure,
        {%- endfor %}
        case
            when
                {{ dbt.datediff('signup_date', 'score_date', 'day') }}
                < {{ var('saas_kpis_onboarding_stage_days') | int }}
                then 'onboarding'
            else 'adopted'
        end as lifecycle_stage
    from measures
),

-- Linear map: bad_value -> 0, good_value -> 100 (an inverted scale, bad > good, works
-- the same way); null when the measure is null (no data).
components_mapped as (
    select
        measures_staged.account_id,
        measures_staged.score_date,
        measures_staged.lifecycle_stage,
        {%- for component in components %}
            measures_staged.{{ component }}_measure,
            cast(scorecards.{{ component }}_weight as {{ type_double() }})
                as {{ component }}_weight,
            100 * {{ safe_divide(
                'measures_staged.' ~ component ~ '_measure - scorecards.' ~ component ~ '_bad_value',
                'scorecards.' ~ component ~ '_good_value - scorecards.' ~ component ~ '_bad_value'
            ) }} as {{ component }}_mapped,
        {%- endfor %}
        scorecards.scorecard_components
    from measures_staged
    left join scorecards
        on measures_staged.lifecycle_stage = scorecards.lifecycle_stage
),

-- Clipped to 0..100 (`<= 0` also turns the -0.0 of an inverted scale into 0).
components_scored as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            {{ component }}_measure,
            {{ component }}_weight,
            case
                when {{ component }}_mapped <= 0 then cast(0 as {{ type_double() }})
                when {{ component }}_mapped >= 100 then cast(100 as {{ type_double() }})
                else {{ component }}_mapped
            end as {{ component }}_score,
        {%- endfor %}
        scorecard_components
    from components_mapped
),

-- The weighted mean over the available components (weights renormalized), and what
-- each available component costs the score: weight x (100 - score); 0 when unavailable.
-- DECISIONS 70: costs are rounded to 6 places, so that floating-point noise never
-- decides a tie (0.3 x (100 - 66.666...) and 0.2 x (100 - 50) both cost 10).
components_weighted as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            {{ component }}_measure,
            {{ component }}_score,
        {%- endfor %}
        {%- for component in components %}
            case
                when {{ component }}_score is not null
                    then {{ round_places(
                        component ~ '_weight * (100 - ' ~ component ~ '_score)', 6
                    ) }}
                else 0
            end as {{ component }}_cost,
        {%- endfor %}
        0
        {%- for component in components %}
            + case when {{ component }}_score is not null then 1 else 0 end
        {%- endfor %} as components_available,
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
    from components_scored
),

components_combined as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            {{ component }}_measure,
            {{ component }}_score,
            {{ component }}_cost,
        {%- endfor %}
        components_available,
        {{ safe_divide('weighted_score_sum', 'available_weight') }} as weighted_mean,
        greatest(
            {%- for component in components %}
                {{ component }}_cost,
            {%- endfor %}
            0
        ) as largest_cost
    from components_weighted
),

-- DECISIONS 40: the component with the largest weighted shortfall, ties in the order
-- of `components`; none when no available component costs anything.
risks_ranked as (
    select
        account_id,
        score_date,
        lifecycle_stage,
        {%- for component in components %}
            {{ component }}_measure,
            {{ component }}_score,
        {%- endfor %}
        components_available,
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
    from components_combined
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
    where
        scores_overridden.score_date >= {{ first_score_date }}
        and {{ health_score_days_filter(
            'scores_overridden.score_date', 'scores_overridden.account_id', is_incremental()
        ) }}
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
