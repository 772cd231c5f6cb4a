-- Onboarding completion per signup cohort: accounts that completed every required step
-- by as_of_date, and the median days from signup to the last of those completions.
with

cohorts as (
    select
        signup_month,
        accounts,
        completed_accounts,
        median_days_to_onboard
    from {{ ref('int_signup_cohorts_aggregated') }}
),

final as (
    select
        signup_month,
        accounts,
        completed_accounts,
        {{ safe_divide('completed_accounts', 'accounts') }} as completion_rate,
        median_days_to_onboard
    from cohorts
)

select * from final
