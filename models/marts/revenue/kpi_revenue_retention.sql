-- Revenue retention of the customers paying at the start of each month (kpis.md
-- kpi_revenue_retention), in constant currency: starting MRR is the previous month's MRR
-- re-priced at this month's rates (DECISIONS 25). The 12-month net retention compares
-- the customers paying at the end of the month twelve months earlier: their MRR now over
-- their MRR then, also re-priced at this month's rates.
with

account_months as (
    select
        month,
        change_category,
        previous_mrr
    from {{ ref('fct_mrr') }}
),

-- The month's expansion, contraction and churn as kpi_mrr sums them, one row per spine
-- month: revenue retention reads them instead of summing fct_mrr's movements again.
mrr_months as (
    select
        month,
        expansion_mrr,
        contraction_mrr,
        churned_mrr,
        is_complete_month
    from {{ ref('kpi_mrr') }}
),

-- The accounts paying at the end of the month twelve months earlier, with that MRR
-- re-priced at this month's rates.
account_months_12m as (
    select
        month,
        mrr,
        mrr_12m_earlier
    from {{ ref('int_account_months_compared') }}
    where was_paying_12m_earlier
),

-- Only the customers paying at the start: new and reactivated accounts are not part of
-- the base, whatever they add.
starting_mrr_summed as (
    select
        month,
        sum(previous_mrr) as starting_mrr
    from account_months
    where change_category in ('expansion', 'contraction', 'unchanged', 'churn')
    group by
        month
),

retention_12m as (
    select
        month,
        sum(mrr_12m_earlier) as starting_mrr_12m,
        sum(mrr) as retained_mrr_12m
    from account_months_12m
    group by
        month
),

months_filled as (
    select
        mrr_months.month,
        mrr_months.is_complete_month,
        mrr_months.expansion_mrr,
        mrr_months.contraction_mrr,
        mrr_months.churned_mrr,
        coalesce(starting_mrr_summed.starting_mrr, 0) as starting_mrr,
        coalesce(retention_12m.starting_mrr_12m, 0) as starting_mrr_12m,
        coalesce(retention_12m.retained_mrr_12m, 0) as retained_mrr_12m
    from mrr_months
    left join starting_mrr_summed
        on mrr_months.month = starting_mrr_summed.month
    left join retention_12m
        on mrr_months.month = retention_12m.month
),

final as (
    select
        month,
        starting_mrr,
        expansion_mrr,
        contraction_mrr,
        churned_mrr,
        starting_mrr - contraction_mrr - churned_mrr as gross_retained_mrr,
        starting_mrr + expansion_mrr - contraction_mrr - churned_mrr as net_retained_mrr,
        {{ safe_divide('contraction_mrr + churned_mrr', 'starting_mrr') }}
            as gross_revenue_churn_rate,
        {{ safe_divide('starting_mrr - contraction_mrr - churned_mrr', 'starting_mrr') }}
            as gross_revenue_retention,
        {{ safe_divide('starting_mrr + expansion_mrr - contraction_mrr - churned_mrr',
            'starting_mrr') }} as net_revenue_retention,
        starting_mrr_12m,
        retained_mrr_12m,
        {{ safe_divide('retained_mrr_12m', 'starting_mrr_12m') }} as net_revenue_retention_12m,
        is_complete_month
    from months_filled
)

select * from final
