-- Activation rate per signup cohort: the share of the cohort's accounts that completed
-- every activation step within saas_kpis_activation_window_days of signup.
with

cohorts as (
    select
        signup_month,
        accounts,
        activated_accounts
    from {{ ref('int_signup_cohorts_aggregated') }}
),

final as (
    select
        signup_month,
        accounts,
        activated_accounts,
        {{ safe_divide('activated_accounts', 'accounts') }} as activation_rate,
        {{ cohort_is_mature('signup_month', var('saas_kpis_activation_window_days')) }} as is_mature
    from cohorts
)

select * from final
