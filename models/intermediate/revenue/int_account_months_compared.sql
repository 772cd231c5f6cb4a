-- Each account-month of the revenue grid with its month-end MRR and the previous
-- month's MRR twice: as published (at the previous month's rates) and re-priced at this
-- month's rates from the previous month's native amounts, currency by currency
-- (DECISIONS 23, 24, 25). The difference between the two is exchange-rate drift, kept
-- apart from the customer's movement.
with

account_months as (
    select
        account_id,
        month,
        first_paid_month
    from {{ ref('int_account_months_spined') }}
),

currency_months as (
    select
        account_id,
        month,
        currency,
        mrr_native,
        mrr
    from {{ ref('int_account_currency_months_summed') }}
),

months as (
    select
        month,
        next_month
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

current_mrr as (
    select
        account_id,
        month,
        sum(mrr) as mrr
    from currency_months
    group by
        account_id,
        month
),

-- The previous month's native amounts, each currency priced at the following month's
-- rates; the row is keyed by that following month. The last spine month has no
-- following month in the spine, so no rate and no row.
previous_mrr_repriced as (
    select
        currency_months.account_id,
        months.next_month as month,
        sum(currency_months.mrr) as previous_mrr_published,
        sum(
            currency_months.mrr_native * rates.rate_to_usd / rates.reporting_rate_to_usd
        ) as previous_mrr
    from currency_months
    inner join months
        on currency_months.month = months.month
    inner join rates
        on
            currency_months.currency = rates.currency
            and months.next_month = rates.month
    group by
        currency_months.account_id,
        months.next_month
),

final as (
    select
        account_months.account_id,
        account_months.month,
        account_months.first_paid_month,
        coalesce(current_mrr.mrr, 0) as mrr,
        coalesce(previous_mrr_repriced.previous_mrr, 0) as previous_mrr,
        coalesce(previous_mrr_repriced.previous_mrr_published, 0) as previous_mrr_published,
        coalesce(current_mrr.mrr, 0)
        - coalesce(previous_mrr_repriced.previous_mrr, 0) as mrr_change,
        coalesce(previous_mrr_repriced.previous_mrr, 0)
        - coalesce(previous_mrr_repriced.previous_mrr_published, 0) as fx_adjustment_mrr,
        current_mrr.account_id is not null as is_paying,
        previous_mrr_repriced.account_id is not null as was_paying
    from account_months
    left join current_mrr
        on
            account_months.account_id = current_mrr.account_id
            and account_months.month = current_mrr.month
    left join previous_mrr_repriced
        on
            account_months.account_id = previous_mrr_repriced.account_id
            and account_months.month = previous_mrr_repriced.month
)

select * from final
