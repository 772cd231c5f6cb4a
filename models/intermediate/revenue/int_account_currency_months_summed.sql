-- Month-end MRR per account, month and currency (kpis.md "Account MRR in a month",
-- DECISIONS 21, 24): the paid versions in effect at the month's last instant (for the
-- current month, the end of as_of_date), summed per currency in native money and
-- converted at that month's rates (for the current month, as_of_date's month). The home
-- of the account MRR's conversion: the same native amount is also priced at the next
-- month's rates and at the rates of twelve months later, so that a later month compares
-- with it in constant currency (DECISIONS 23, 25). Only months with MRR > 0 in the
-- currency have a row.
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
        next_month,
        period_end_at
    from {{ ref('int_month_spine') }}
),

rates as (
    {{ reporting_currency_rates() }}
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

-- Rates exist for spine months only: after the last one, the re-priced amounts are null.
final as (
    select
        currency_months_summed.account_id,
        currency_months_summed.month,
        currency_months_summed.currency,
        currency_months_summed.paid_subscriptions,
        currency_months_summed.mrr_native,
        {{ to_reporting_currency('currency_months_summed.mrr_native') }} as mrr,
        {{ to_reporting_currency('currency_months_summed.mrr_native', 'next_month_rates') }}
            as mrr_at_next_month_rates,
        {{ to_reporting_currency('currency_months_summed.mrr_native', 'rates_12m_later') }}
            as mrr_at_rates_12m_later
    from currency_months_summed
    inner join months
        on currency_months_summed.month = months.month
    left join rates
        on
            currency_months_summed.currency = rates.currency
            and currency_months_summed.month = rates.month
    left join rates as next_month_rates
        on
            currency_months_summed.currency = next_month_rates.currency
            and months.next_month = next_month_rates.month
    left join rates as rates_12m_later
        on
            currency_months_summed.currency = rates_12m_later.currency
            and cast({{ dbt.dateadd('month', 12, 'currency_months_summed.month') }} as date)
            = rates_12m_later.month
)

select * from final
