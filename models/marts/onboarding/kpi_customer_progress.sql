-- Training progress per signup cohort: accounts that completed every training step of
-- the catalogue (required or not, DECISIONS 29) by as_of_date.
with

cohorts as (
    select
        signup_month,
        accounts,
        training_completed_accounts,
        median_days_to_complete_training
    from {{ ref('int_signup_cohorts_aggregated') }}
),

final as (
    select
        signup_month,
        accounts,
        training_completed_accounts,
        {{ safe_divide('training_completed_accounts', 'accounts') }}
            as training_completion_rate,
        median_days_to_complete_training
    from cohorts
)

select * from final
