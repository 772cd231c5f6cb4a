-- Revenue retention of the customers paying at the start of each month (kpis.md
-- kpi_revenue_retention), in constant currency: starting MRR is the previous month's MRR
-- re-priced at this month's rates (DECISIONS 25). The 12-month net retention compares
-- the customers paying at the end of the month twelve months earlier: their MRR now over
-- their MRR then, also re-priced at this month's rates.
with

account_months as (
    select
        account_id,
        month,
        change_category,
        mrr,
        previous_mrr,
        mrr_change
    from {{ ref('fct_mrr') }}
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

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- Only the customers paying at the start: new and reactivated accounts are not part of
-- the base, whatever they add.
monthly_movements as (
    select
        month,
        sum(previous_mrr) as starting_mrr,
        sum(case when change_category = 'expansion' then mrr_change else 0 end)
            as expansion_mrr,
        sum(case when change_category = 'contraction' then -mrr_change else 0 end)
            as contraction_mrr,
        sum(case when change_category = 'churn' then previous_mrr else 0 end) as churned_mrr
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
        months.month,
        months.is_complete_month,
        coalesce(monthly_movements.starting_mrr, 0) as starting_mrr,
        coalesce(monthly_movements.expansion_mrr, 0) as expansion_mrr,
        coalesce(monthly_movements.contraction_mrr, 0) as contraction_mrr,
        coalesce(monthly_movements.churned_mrr, 0) as churned_mrr,
        coalesce(retention_12m.starting_mrr_12m, 0) as starting_mrr_12m,
        coalesce(retention_12m.retained_mrr_12m, 0) as retained_mrr_12m
    from months
    left join monthly_movements
        on months.month = monthly_movements.month
    left join retention_12m
        on months.month = retention_12m.month
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
