-- Time to first value per signup cohort, in decimal days from signup to the first
-- value event (var saas_kpis_value_events) at or after signup; accounts without one are left out
-- of the percentiles and the mean.
with

cohorts as (
    select
        signup_month,
        accounts,
        accounts_reached_value,
        median_days_to_first_value,
        p90_days_to_first_value,
        avg_days_to_first_value
    from {{ ref('int_signup_cohorts_aggregated') }}
),

final as (
    select
        signup_month,
        accounts,
        accounts_reached_value,
        {{ safe_divide('accounts_reached_value', 'accounts') }} as reached_value_rate,
        median_days_to_first_value,
        p90_days_to_first_value,
        avg_days_to_first_value
    from cohorts
)

select * from final
