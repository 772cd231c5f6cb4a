-- Revenue retention of the customers paying at the start of each month (kpis.md
-- kpi_revenue_retention), in constant currency: starting MRR is the previous month's MRR
-- re-priced at this month's rates (DECISIONS 25). The 12-month net retention compares
-- the customers paying at the end of the month twelve months earlier: their MRR now over
-- their MRR then, also re-priced at this month's rates.
with

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

account_months as (
    select
        month,
        mrr,
        previous_mrr,
        mrr_12m_earlier,
        was_paying,
        was_paying_12m_earlier
    from {{ ref('int_account_months_compared') }}
),

-- The two bases, each re-priced at this month's rates: the customers paying at the
-- start of the month (new and reactivated accounts are not part of it, whatever they
-- add) with their previous MRR, and the customers paying at the end of the month twelve
-- months earlier with their MRR then and now.
bases_summed as (
    select
        month,
        sum(case when was_paying then previous_mrr else 0 end) as starting_mrr,
        sum(case when was_paying_12m_earlier then mrr_12m_earlier else 0 end)
            as starting_mrr_12m,
        sum(case when was_paying_12m_earlier then mrr else 0 end) as retained_mrr_12m
    from account_months
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
        coalesce(bases_summed.starting_mrr, 0) as starting_mrr,
        coalesce(bases_summed.starting_mrr_12m, 0) as starting_mrr_12m,
        coalesce(bases_summed.retained_mrr_12m, 0) as retained_mrr_12m
    from mrr_months
    left join bases_summed
        on mrr_months.month = bases_summed.month
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
