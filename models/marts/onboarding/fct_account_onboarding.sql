-- One row per customer account with every onboarding milestone, its instant and its
-- duration from signup in decimal days, plus the funnel stage reached within
-- saas_kpis_onboarding_window_days.
with

milestones as (
    select * from {{ ref('int_account_milestones_computed') }}
),

funnel_steps as (
    select
        account_id,
        step_order,
        is_reached
    from {{ ref('int_funnel_steps_reached') }}
),

-- The deepest funnel stage each account reached inside the onboarding window (stages
-- are cumulative, so the count of reached stages is the deepest one's position).
funnel_progress as (
    select
        account_id,
        count(case when is_reached then 1 end) as funnel_steps_reached,
        max(case when is_reached then step_order end) as last_funnel_step_order_reached
    from funnel_steps
    group by
        account_id
),

final as (
    select
        milestones.account_id,
        milestones.signup_month,
        milestones.required_steps,
        milestones.required_steps_completed,
        milestones.activation_steps,
        milestones.activation_steps_completed,
        milestones.training_steps,
        milestones.training_steps_completed,
        coalesce(funnel_progress.funnel_steps_reached, 0) as funnel_steps_reached,
        cast(funnel_progress.last_funnel_step_order_reached as {{ dbt.type_bigint() }})
            as last_funnel_step_order_reached,
        milestones.days_to_activation,
        milestones.days_to_onboard,
        milestones.days_to_complete_training,
        milestones.days_to_first_value,
        milestones.is_activated,
        milestones.is_onboarding_completed,
        milestones.is_training_completed,
        milestones.has_reached_value,
        milestones.signup_date,
        milestones.signed_up_at,
        milestones.activated_at,
        milestones.onboarding_completed_at,
        milestones.training_completed_at,
        milestones.first_value_at
    from milestones
    left join funnel_progress
        on milestones.account_id = funnel_progress.account_id
)

select * from final
