-- One row per customer account (test accounts excluded) that exists by the end of
-- as_of_date: descriptive attributes and the signup cohort.
with

accounts as (
    select * from {{ ref('int_accounts_cohorted') }}
),

final as (
    select
        account_id,
        account_name,
        segment,
        industry,
        country_code,
        acquisition_channel,
        csm_owner,
        signup_month,
        signup_date,
        signed_up_at
    from accounts
)

select * from final
