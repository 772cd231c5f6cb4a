-- Monthly MRR and its bridge (kpis.md kpi_mrr): every spine month, the movements of
-- fct_mrr summed by category in constant currency, and the exchange-rate drift apart,
-- so that mrr(m) - mrr(m-1) = net_new_mrr + fx_adjustment_mrr.
with

account_months as (
    select
        account_id,
        month,
        change_category,
        mrr,
        previous_mrr,
        mrr_change,
        fx_adjustment_mrr,
        is_paying
    from {{ ref('fct_mrr') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- Contraction and churn as positive magnitudes; churned MRR at this month's rates
-- (DECISIONS 25).
movements_summed as (
    select
        month,
        sum(mrr) as mrr,
        count(case when is_paying then account_id end) as paying_customers,
        sum(case when change_category = 'new' then mrr_change else 0 end) as new_mrr,
        sum(case when change_category = 'expansion' then mrr_change else 0 end)
            as expansion_mrr,
        sum(case when change_category = 'reactivation' then mrr_change else 0 end)
            as reactivation_mrr,
        sum(case when change_category = 'contraction' then -mrr_change else 0 end)
            as contraction_mrr,
        sum(case when change_category = 'churn' then previous_mrr else 0 end) as churned_mrr,
        sum(fx_adjustment_mrr) as fx_adjustment_mrr
    from account_months
    group by
        month
),

months_filled as (
    select
        months.month,
        months.is_complete_month,
        coalesce(movements_summed.mrr, 0) as mrr,
        coalesce(movements_summed.paying_customers, 0) as paying_customers,
        coalesce(movements_summed.new_mrr, 0) as new_mrr,
        coalesce(movements_summed.expansion_mrr, 0) as expansion_mrr,
        coalesce(movements_summed.reactivation_mrr, 0) as reactivation_mrr,
        coalesce(movements_summed.contraction_mrr, 0) as contraction_mrr,
        coalesce(movements_summed.churned_mrr, 0) as churned_mrr,
        coalesce(movements_summed.fx_adjustment_mrr, 0) as fx_adjustment_mrr
    from months
    left join movements_summed
        on months.month = movements_summed.month
),

final as (
    select
        month,
        mrr,
        mrr * 12 as arr,
        paying_customers,
        {{ safe_divide('mrr', 'paying_customers') }} as arpu,
        new_mrr,
        expansion_mrr,
        reactivation_mrr,
        contraction_mrr,
        churned_mrr,
        new_mrr
        + expansion_mrr
        + reactivation_mrr
        - contraction_mrr
        - churned_mrr as net_new_mrr,
        fx_adjustment_mrr,
        new_mrr + expansion_mrr + reactivation_mrr as gained_mrr,
        contraction_mrr + churned_mrr as lost_mrr,
        {{ safe_divide('new_mrr + expansion_mrr + reactivation_mrr',
            'contraction_mrr + churned_mrr') }} as quick_ratio,
        is_complete_month
    from months_filled
)

select * from final
