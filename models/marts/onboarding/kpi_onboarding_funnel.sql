-- The onboarding funnel: every signup cohort (spine month) x required step, with the
-- accounts that reached the step within saas_kpis_onboarding_window_days of signup and the
-- conversion from the start and from the previous step. The step with the highest
-- drop_off_rate is the cohort's bottleneck.
with

months as (
    select month from {{ ref('int_month_spine') }}
),

required_steps as (
    select
        step_key,
        step_name,
        step_order
    from {{ ref('int_onboarding_steps_required') }}
),

cohorts as (
    select
        signup_month,
        accounts
    from {{ ref('int_signup_cohorts_aggregated') }}
),

funnel_steps as (
    select
        signup_month,
        step_order,
        is_reached,
        hours_from_previous_step
    from {{ ref('int_funnel_steps_reached') }}
),

steps_reached as (
    select
        signup_month,
        step_order,
        count(case when is_reached then 1 end) as accounts_reached,
        {{ percentile_cont('hours_from_previous_step', 0.5) }}
            as median_hours_from_previous_step
    from funnel_steps
    group by
        signup_month,
        step_order
),

cohort_steps as (
    select
        months.month as signup_month,
        required_steps.step_order,
        required_steps.step_key,
        required_steps.step_name,
        steps_reached.median_hours_from_previous_step,
        coalesce(cohorts.accounts, 0) as accounts,
        coalesce(steps_reached.accounts_reached, 0) as accounts_reached
    from months
    cross join required_steps
    left join cohorts
        on months.month = cohorts.signup_month
    left join steps_reached
        on
            months.month = steps_reached.signup_month
            and required_steps.step_order = steps_reached.step_order
),

-- The previous stage's reach; the first step converts from the whole cohort.
cohort_steps_with_previous as (
    select
        signup_month,
        step_order,
        step_key,
        step_name,
        accounts,
        accounts_reached,
        median_hours_from_previous_step,
        coalesce(
            lag(accounts_reached) over (partition by signup_month order by step_order),
            accounts
        ) as previous_accounts_reached
    from cohort_steps
),

final as (
    select
        signup_month,
        cast(step_order as {{ dbt.type_bigint() }}) as step_order,
        step_key,
        step_name,
        accounts,
        accounts_reached,
        previous_accounts_reached,
        {{ safe_divide('accounts_reached', 'accounts') }} as conversion_from_start,
        {{ safe_divide('accounts_reached', 'previous_accounts_reached') }}
            as conversion_from_previous,
        -- 1 - conversion_from_previous, computed from the counts so that it is exact
        -- (1 - 0.8 is 0.19999999999999996 in floating point).
        {{ safe_divide(
            'previous_accounts_reached - accounts_reached', 'previous_accounts_reached'
        ) }} as drop_off_rate,
        median_hours_from_previous_step,
        {{ cohort_is_mature('signup_month', var('saas_kpis_onboarding_window_days')) }} as is_mature
    from cohort_steps_with_previous
)

select * from final
