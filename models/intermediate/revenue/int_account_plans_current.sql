-- Each customer account's current plan (DECISIONS 42): the plan of the customer-status
-- version in effect at the end of as_of_date with the highest MRR at as_of_date's
-- month's rates; ties go to the plan name that sorts last. Accounts without such a
-- version have no row.
with

versions as (
    select
        account_id,
        plan_name,
        currency,
        mrr_native,
        is_customer_status,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
),

rates as (
    {{ reporting_currency_rates() }}
),

-- The exclusive end instant of as_of_date: midnight after it.
as_of as (
    select
        cast({{ dbt.dateadd('day', 1, as_of_date()) }} as {{ dbt.type_timestamp() }})
            as as_of_end_at,
        cast({{ dbt.date_trunc('month', as_of_date()) }} as date) as as_of_month
),

versions_in_effect as (
    select
        versions.account_id,
        versions.plan_name,
        case
            when versions.mrr_native = 0 then cast(0 as {{ type_double() }})
            else {{ to_reporting_currency('versions.mrr_native') }}
        end as version_mrr
    from versions
    cross join as_of
    left join rates
        on
            versions.currency = rates.currency
            and as_of.as_of_month = rates.month
    where
        versions.is_customer_status
        and versions.valid_from < as_of.as_of_end_at
        and (versions.valid_to is null or versions.valid_to >= as_of.as_of_end_at)
),

plans_ranked as (
    select
        account_id,
        plan_name,
        row_number() over (
            partition by account_id
            order by version_mrr desc, plan_name desc
        ) as plan_rank
    from versions_in_effect
),

final as (
    select
        account_id,
        plan_name
    from plans_ranked
    where plan_rank = 1
)

select * from final
