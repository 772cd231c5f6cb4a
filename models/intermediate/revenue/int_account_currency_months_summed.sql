-- Month-end MRR per account, month and currency (kpis.md "Account MRR in a month",
-- DECISIONS 21, 24): the paid versions in effect at the month's last instant (for the
-- current month, the end of as_of_date), summed per currency in native money and
-- converted at that month's rates (for the current month, as_of_date's month). Native
-- amounts stay per currency so that any month can be re-priced exactly at another
-- month's rates (constant-currency movements, DECISIONS 23, 25). Only months with
-- MRR > 0 in the currency have a row.
with

versions as (
    select
        subscription_id,
        account_id,
        currency,
        mrr_native,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
    where is_paid
),

months as (
    select
        month,
        period_end_at
    from {{ ref('int_month_spine') }}
),

rates as (
    select
        currency,
        month,
        rate_to_usd,
        reporting_rate_to_usd
    from {{ ref('int_currency_rates_filled') }}
),

-- In effect at the end of the month: started before the month's end instant and not
-- ended before it (DECISIONS 21: valid_to >= end keeps a version ending exactly then).
versions_at_month_end as (
    select
        versions.account_id,
        versions.currency,
        months.month,
        versions.subscription_id,
        versions.mrr_native
    from versions
    inner join months
        on
            versions.valid_from < months.period_end_at
            and (versions.valid_to is null or versions.valid_to >= months.period_end_at)
),

currency_months_summed as (
    select
        account_id,
        month,
        currency,
        count(*) as paid_subscriptions,
        sum(mrr_native) as mrr_native
    from versions_at_month_end
    group by
        account_id,
        month,
        currency
),

final as (
    select
        currency_months_summed.account_id,
        currency_months_summed.month,
        currency_months_summed.currency,
        currency_months_summed.paid_subscriptions,
        currency_months_summed.mrr_native,
        {{ to_reporting_currency('currency_months_summed.mrr_native') }} as mrr
    from currency_months_summed
    left join rates
        on
            currency_months_summed.currency = rates.currency
            and currency_months_summed.month = rates.month
)

select * from final
