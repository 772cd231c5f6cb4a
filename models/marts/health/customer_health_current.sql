-- The customer success worklist (kpis.md, DECISIONS 42): one row per account that is a
-- customer at the end of as_of_date, with its score of that day, the components that
-- explain it and what the CSM needs to act: segment, owner, plan and MRR. Sorting is a
-- presentation concern; health_risk_rank gives the order (1 = look at it first).
with

health_days as (
    select * from {{ ref('customer_health_daily') }}
    where score_date = {{ as_of_date() }}
),

accounts as (
    select
        account_id,
        account_name,
        segment,
        csm_owner
    from {{ ref('int_accounts_cohorted') }}
),

current_plans as (
    select
        account_id,
        plan_name
    from {{ ref('int_account_plans_current') }}
),

account_mrr as (
    select
        account_id,
        mrr
    from {{ ref('fct_mrr') }}
    where month = cast({{ dbt.date_trunc('month', as_of_date()) }} as date)
),

worklist as (
    select
        health_days.account_id,
        accounts.account_name,
        accounts.segment,
        accounts.csm_owner,
        current_plans.plan_name,
        health_days.lifecycle_stage,
        health_days.health_band,
        health_days.top_risk_component,
        health_days.health_score,
        health_days.computed_health_score,
        health_days.health_score_change_30d,
        health_days.usage_score,
        health_days.utilization_score,
        health_days.onboarding_score,
        health_days.support_score,
        health_days.sentiment_score,
        health_days.billing_score,
        health_days.components_available,
        health_days.is_overridden,
        health_days.override_reason,
        health_days.score_date,
        coalesce(account_mrr.mrr, 0) as mrr
    from health_days
    inner join accounts
        on health_days.account_id = accounts.account_id
    left join current_plans
        on health_days.account_id = current_plans.account_id
    left join account_mrr
        on health_days.account_id = account_mrr.account_id
),

-- Lowest score first; among equal scores the larger MRR at stake first, then the
-- account id, so that the rank is total and stable.
worklist_ranked as (
    select
        worklist.*,
        row_number() over (
            order by
                worklist.health_score asc nulls last,
                worklist.mrr desc,
                worklist.account_id asc
        ) as health_risk_rank
    from worklist
),

final as (
    select
        account_id,
        account_name,
        segment,
        csm_owner,
        plan_name,
        lifecycle_stage,
        health_band,
        top_risk_component,
        cast(health_risk_rank as {{ dbt.type_bigint() }}) as health_risk_rank,
        mrr,
        health_score,
        computed_health_score,
        health_score_change_30d,
        usage_score,
        utilization_score,
        onboarding_score,
        support_score,
        sentiment_score,
        billing_score,
        components_available,
        is_overridden,
        override_reason,
        score_date
    from worklist_ranked
)

select * from final
