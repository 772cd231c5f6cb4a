-- The onboarding funnel per account: one row per customer account and required step.
-- An account reaches step k when it has completed every required step of order <= k,
-- in any order, within saas_kpis_onboarding_window_days of signup (edge day included, UTC
-- calendar days, DECISIONS 19); it reaches k at the latest of those completions, and
-- it reached the previous required step at the latest completion among the required
-- steps before k (signup for the first step, DECISIONS 29).
with

accounts as (
    select
        account_id,
        signup_date,
        signup_month,
        signed_up_at
    from {{ ref('int_accounts_cohorted') }}
),

required_steps as (
    select
        step_key,
        step_order
    from {{ ref('int_onboarding_steps_required') }}
),

steps_completed as (
    select
        account_id,
        step_order,
        completed_at
    from {{ ref('int_onboarding_steps_completed') }}
    where is_required
),

-- How many required steps a funnel stage needs: those of order <= k.
stage_sizes as (
    select
        stages.step_key,
        stages.step_order,
        count(*) as steps_to_reach
    from required_steps as stages
    inner join required_steps as needed_steps
        on stages.step_order >= needed_steps.step_order
    group by
        stages.step_key,
        stages.step_order
),

completed_in_window as (
    select
        steps_completed.account_id,
        steps_completed.step_order,
        steps_completed.completed_at
    from steps_completed
    inner join accounts
        on steps_completed.account_id = accounts.account_id
    where
        cast(steps_completed.completed_at as date)
        <= cast(
            {{ dbt.dateadd(
                'day', var('saas_kpis_onboarding_window_days') | int, 'accounts.signup_date'
            ) }}
            as date
        )
),

account_stages as (
    select
        accounts.account_id,
        accounts.signup_month,
        accounts.signed_up_at,
        stage_sizes.step_key,
        stage_sizes.step_order,
        stage_sizes.steps_to_reach
    from accounts
    cross join stage_sizes
),

stage_progress as (
    select
        account_stages.account_id,
        account_stages.step_order,
        count(completed_in_window.step_order) as steps_completed,
        max(completed_in_window.completed_at) as last_completed_at
    from account_stages
    left join completed_in_window
        on
            account_stages.account_id = completed_in_window.account_id
            and account_stages.step_order >= completed_in_window.step_order
    group by
        account_stages.account_id,
        account_stages.step_order
),

stages_reached as (
    select
        account_stages.account_id,
        account_stages.signup_month,
        account_stages.step_key,
        account_stages.step_order,
        account_stages.signed_up_at,
        case
            when stage_progress.steps_completed = account_stages.steps_to_reach
                then stage_progress.last_completed_at
        end as reached_at
    from account_stages
    inner join stage_progress
        on
            account_stages.account_id = stage_progress.account_id
            and account_stages.step_order = stage_progress.step_order
),

-- Reaching k implies reaching k - 1, so the previous stage's instant is always known
-- when k is reached.
stages_with_previous as (
    select
        account_id,
        signup_month,
        step_key,
        step_order,
        reached_at,
        signed_up_at,
        row_number() over (partition by account_id order by step_order) as stage_number,
        lag(reached_at) over (partition by account_id order by step_order)
            as previous_stage_reached_at
    from stages_reached
),

stages_timed as (
    select
        account_id,
        signup_month,
        step_key,
        step_order,
        stage_number,
        reached_at,
        case
            when stage_number = 1 then signed_up_at else previous_stage_reached_at
        end as previous_reached_at
    from stages_with_previous
),

final as (
    select
        account_id,
        step_key,
        signup_month,
        step_order,
        stage_number,
        case
            when reached_at is not null
                then {{ seconds_between('previous_reached_at', 'reached_at') }} / 3600.0
        end as hours_from_previous_step,
        reached_at is not null as is_reached,
        previous_reached_at,
        reached_at
    from stages_timed
)

select * from final
