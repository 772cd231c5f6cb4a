-- The onboarding milestones of each signup cohort, one row per spine month (DECISIONS
-- 17: zero counts, and null medians, where nobody signed up). Percentiles run over the
-- accounts that have the duration (DECISIONS 20). The cohort marts are projections of
-- this model.
with

months as (
    select month from {{ ref('int_month_spine') }}
),

milestones as (
    select
        account_id,
        signup_month,
        days_to_first_value,
        days_to_onboard,
        days_to_complete_training,
        is_activated,
        is_onboarding_completed,
        is_training_completed,
        has_reached_value
    from {{ ref('int_account_milestones_computed') }}
),

cohorts as (
    select
        signup_month,
        count(*) as accounts,
        count(case when is_activated then 1 end) as activated_accounts,
        count(case when has_reached_value then 1 end) as accounts_reached_value,
        count(case when is_onboarding_completed then 1 end) as completed_accounts,
        count(case when is_training_completed then 1 end)
            as training_completed_accounts,
        {{ percentile_cont('days_to_first_value', 0.5) }} as median_days_to_first_value,
        {{ percentile_cont('days_to_first_value', 0.9) }} as p90_days_to_first_value,
        avg(days_to_first_value) as avg_days_to_first_value,
        {{ percentile_cont('days_to_onboard', 0.5) }} as median_days_to_onboard,
        {{ percentile_cont('days_to_complete_training', 0.5) }}
            as median_days_to_complete_training
    from milestones
    group by
        signup_month
),

final as (
    select
        months.month as signup_month,
        cohorts.median_days_to_first_value,
        cohorts.p90_days_to_first_value,
        cohorts.avg_days_to_first_value,
        cohorts.median_days_to_onboard,
        cohorts.median_days_to_complete_training,
        coalesce(cohorts.accounts, 0) as accounts,
        coalesce(cohorts.activated_accounts, 0) as activated_accounts,
        coalesce(cohorts.accounts_reached_value, 0) as accounts_reached_value,
        coalesce(cohorts.completed_accounts, 0) as completed_accounts,
        coalesce(cohorts.training_completed_accounts, 0) as training_completed_accounts
    from months
    left join cohorts
        on months.month = cohorts.signup_month
)

select * from final
