-- Account x month MRR with its constant-currency movement and category (kpis.md fct_mrr,
-- DECISIONS 22-24). Churn and reactivation (a move to or from 0) are decided before
-- expansion and contraction, so a move from 0 to paid is never an expansion.
with

account_months as (
    select
        account_id,
        month,
        first_paid_month,
        mrr,
        previous_mrr,
        previous_mrr_published,
        mrr_change,
        fx_adjustment_mrr,
        is_paying,
        was_paying
    from {{ ref('int_account_months_compared') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- A change smaller than 0.000001 in absolute value is no change (DECISIONS 24): it is
-- floating-point noise, not customer behaviour.
account_months_categorized as (
    select
        *,
        case
            when month = first_paid_month then 'new'
            when is_paying and not was_paying then 'reactivation'
            when was_paying and not is_paying then 'churn'
            when not is_paying then 'inactive'
            when mrr_change >= 0.000001 then 'expansion'
            when mrr_change <= -0.000001 then 'contraction'
            else 'unchanged'
        end as change_category
    from account_months
),

final as (
    select
        account_months_categorized.account_id,
        account_months_categorized.month,
        account_months_categorized.change_category,
        account_months_categorized.mrr,
        account_months_categorized.previous_mrr,
        account_months_categorized.previous_mrr_published,
        account_months_categorized.mrr_change,
        account_months_categorized.fx_adjustment_mrr,
        account_months_categorized.is_paying,
        months.is_complete_month
    from account_months_categorized
    inner join months
        on account_months_categorized.month = months.month
)

select * from final
