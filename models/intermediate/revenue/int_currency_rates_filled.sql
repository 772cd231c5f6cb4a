-- One rate per currency of the rate seed and spine month (DECISIONS 11, 45): the rate of
-- the month itself, else the latest earlier rate of that currency, else (before the
-- currency's first rate) its earliest rate. Next to it, the reporting currency's rate of
-- the same month, so that every conversion in the project (the macro
-- to_reporting_currency, in intermediate models) needs this one row.
with

currency_rates as (
    select
        currency,
        rate_month,
        rate_to_usd
    from {{ ref('stg_config__currency_rates') }}
),

months as (
    select month from {{ ref('int_month_spine') }}
),

rates_cleaned as (
    select
        currency,
        cast({{ dbt.date_trunc('month', 'cast(rate_month as date)') }} as date) as rate_month,
        cast(rate_to_usd as {{ type_double() }}) as rate_to_usd
    from currency_rates
    where
        currency is not null
        and rate_month is not null
        and rate_to_usd is not null
),

seed_summary as (
    select
        min(rate_month) as first_rate_month,
        count(case when currency = 'USD' then rate_month end) as usd_rates
    from rates_cleaned
),

-- The seed's unit is USD: its rate is 1 by definition, whether or not the seed lists it
-- (a seed without a USD row must still convert into the default reporting currency).
usd_rate_added as (
    select
        currency,
        rate_month,
        rate_to_usd
    from rates_cleaned
    union all
    select
        'USD' as currency,
        first_rate_month as rate_month,
        cast(1 as {{ type_double() }}) as rate_to_usd
    from seed_summary
    where usd_rates = 0
),

currencies as (
    select
        currency,
        min(rate_month) as first_rate_month
    from usd_rate_added
    group by
        currency
),

-- The seed month whose rate applies: the latest one at or before the spine month;
-- before the currency's first rate, the first one (DECISIONS 45).
rate_months_chosen as (
    select
        currencies.currency,
        months.month,
        coalesce(max(usd_rate_added.rate_month), currencies.first_rate_month) as rate_month
    from currencies
    cross join months
    left join usd_rate_added
        on
            currencies.currency = usd_rate_added.currency
            and months.month >= usd_rate_added.rate_month
    group by
        currencies.currency,
        months.month,
        currencies.first_rate_month
),

rates_filled as (
    select
        rate_months_chosen.currency,
        rate_months_chosen.month,
        rate_months_chosen.rate_month,
        usd_rate_added.rate_to_usd
    from rate_months_chosen
    inner join usd_rate_added
        on
            rate_months_chosen.currency = usd_rate_added.currency
            and rate_months_chosen.rate_month = usd_rate_added.rate_month
),

reporting_rates as (
    select
        month,
        rate_to_usd as reporting_rate_to_usd
    from rates_filled
    where currency = '{{ var("saas_kpis_reporting_currency", "USD") | upper }}'
),

final as (
    select
        rates_filled.currency,
        rates_filled.month,
        rates_filled.rate_month,
        rates_filled.rate_to_usd,
        reporting_rates.reporting_rate_to_usd,
        rates_filled.rate_month != rates_filled.month as is_filled
    from rates_filled
    left join reporting_rates
        on rates_filled.month = reporting_rates.month
)

select * from final
