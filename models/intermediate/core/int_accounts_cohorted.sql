-- Customer accounts (test accounts excluded, kpis.md) that exist by the end of
-- as_of_date (DECISIONS 16), with their signup cohort.
with

accounts as (
    select * from {{ ref('stg_app__accounts') }}
),

customer_accounts as (
    select *
    from accounts
    where
        not is_test
        and cast(signed_up_at as date) <= {{ as_of_date() }}
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
        cast(signed_up_at as date) as signup_date,
        cast({{ dbt.date_trunc('month', 'cast(signed_up_at as date)') }} as date) as signup_month,
        signed_up_at
    from customer_accounts
)

select * from final
