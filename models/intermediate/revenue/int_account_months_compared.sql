-- Each account-month of the revenue grid with its month-end MRR and the previous
-- month's MRR twice: as published (at the previous month's rates) and re-priced at this
-- month's rates from the previous month's native amounts, currency by currency
-- (DECISIONS 23, 24, 25). The difference between the two is exchange-rate drift, kept
-- apart from the customer's movement. Next to them, the MRR of the month twelve months
-- earlier re-priced the same way: the base of the 12-month net revenue retention.
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
        mrr,
        mrr_at_next_month_rates,
        mrr_at_rates_12m_later
    from {{ ref('int_account_currency_months_summed') }}
),

months as (
    select
        month,
        next_month
    from {{ ref('int_month_spine') }}
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

-- The previous month's MRR, each currency priced at the following month's rates; the
-- row is keyed by that following month. The last spine month's following month is not
-- in the grid.
previous_mrr_repriced as (
    select
        currency_months.account_id,
        months.next_month as month,
        sum(currency_months.mrr) as previous_mrr_published,
        sum(currency_months.mrr_at_next_month_rates) as previous_mrr
    from currency_months
    inner join months
        on currency_months.month = months.month
    group by
        currency_months.account_id,
        months.next_month
),

-- The MRR of twelve months earlier, each currency priced at this month's rates; a row
-- only for the accounts paying at the end of that month.
mrr_12m_earlier_repriced as (
    select
        currency_months.account_id,
        months.month,
        sum(currency_months.mrr_at_rates_12m_later) as mrr_12m_earlier
    from months
    inner join currency_months
        on cast({{ dbt.dateadd('month', -12, 'months.month') }} as date) = currency_months.month
    group by
        currency_months.account_id,
        months.month
),

final as (
    select
        account_months.account_id,
        account_months.month,
        account_months.first_paid_month,
        mrr_12m_earlier_repriced.mrr_12m_earlier,
        coalesce(current_mrr.mrr, 0) as mrr,
        coalesce(previous_mrr_repriced.previous_mrr, 0) as previous_mrr,
        coalesce(previous_mrr_repriced.previous_mrr_published, 0) as previous_mrr_published,
        coalesce(current_mrr.mrr, 0)
        - coalesce(previous_mrr_repriced.previous_mrr, 0) as mrr_change,
        coalesce(previous_mrr_repriced.previous_mrr, 0)
        - coalesce(previous_mrr_repriced.previous_mrr_published, 0) as fx_adjustment_mrr,
        current_mrr.account_id is not null as is_paying,
        previous_mrr_repriced.account_id is not null as was_paying,
        mrr_12m_earlier_repriced.account_id is not null as was_paying_12m_earlier
    from account_months
    left join current_mrr
        on
            account_months.account_id = current_mrr.account_id
            and account_months.month = current_mrr.month
    left join previous_mrr_repriced
        on
            account_months.account_id = previous_mrr_repriced.account_id
            and account_months.month = previous_mrr_repriced.month
    left join mrr_12m_earlier_repriced
        on
            account_months.account_id = mrr_12m_earlier_repriced.account_id
            and account_months.month = mrr_12m_earlier_repriced.month
)

select * from final
