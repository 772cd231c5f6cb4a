-- One row per subscription version of a customer account, priced as monthly recurring
-- revenue in its own currency (kpis.md "MRR of a subscription version"): the amount per
-- month (yearly / 12), counted only while the version is active or past_due. Versions
-- that start after the end of as_of_date are not yet facts (DECISIONS 16). Revenue,
-- trial conversion and the health score's seats and billing component build on this.
with

subscriptions as (
    select
        subscription_id,
        account_id,
        plan_name,
        status,
        billing_interval,
        amount_native,
        currency,
        seats,
        valid_from,
        valid_to
    from {{ ref('stg_billing__subscriptions') }}
),

accounts as (
    select account_id from {{ ref('int_accounts_cohorted') }}
),

-- The exclusive end instant of what the marts may know: midnight after as_of_date.
as_of as (
    select
        cast({{ dbt.dateadd('day', 1, as_of_date()) }} as {{ dbt.type_timestamp() }})
            as as_of_end_at
),

-- Customer accounts only; a version starting after as_of_date did not exist that day,
-- and an end after as_of_date was not known yet (so such a version is still open).
versions_known as (
    select
        subscriptions.subscription_id,
        subscriptions.account_id,
        subscriptions.plan_name,
        subscriptions.status,
        subscriptions.billing_interval,
        cast(subscriptions.amount_native as {{ type_double() }}) as amount_native,
        subscriptions.currency,
        subscriptions.seats,
        subscriptions.valid_from,
        case
            when subscriptions.valid_to <= as_of.as_of_end_at then subscriptions.valid_to
        end as valid_to
    from subscriptions
    inner join accounts
        on subscriptions.account_id = accounts.account_id
    cross join as_of
    where subscriptions.valid_from < as_of.as_of_end_at
),

versions_priced as (
    select
        *,
        case
            when status not in ('active', 'past_due') or amount_native is null
                then cast(0 as {{ type_double() }})
            when billing_interval = 'year' then amount_native / 12
            else amount_native
        end as mrr_native
    from versions_known
),

final as (
    select
        subscription_id,
        account_id,
        plan_name,
        status,
        billing_interval,
        currency,
        seats,
        amount_native,
        mrr_native,
        valid_from,
        valid_to,
        mrr_native > 0 as is_paid,
        status in ('trialing', 'active', 'past_due') as is_customer_status
    from versions_priced
)

select * from final
