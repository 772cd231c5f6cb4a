-- kpi_revenue_retention.starting_mrr = kpi_mrr.mrr(m-1) + kpi_mrr.fx_adjustment_mrr(m)
-- (DECISIONS 25): the base of revenue retention is last month's MRR at this month's
-- rates. Compared to within rounding (floats_differ).
with

kpi_mrr as (
    select
        month,
        mrr,
        fx_adjustment_mrr
    from {{ ref('kpi_mrr') }}
),

revenue_retention as (
    select
        month,
        starting_mrr
    from {{ ref('kpi_revenue_retention') }}
),

compared as (
    select
        revenue_retention.month,
        revenue_retention.starting_mrr,
        coalesce(previous_month.mrr, 0) + current_month.fx_adjustment_mrr as expected_mrr
    from revenue_retention
    inner join kpi_mrr as current_month
        on revenue_retention.month = current_month.month
    left join kpi_mrr as previous_month
        on
            revenue_retention.month
            = cast({{ dbt.dateadd('month', 1, 'previous_month.month') }} as date)
)

select *
from compared
where {{ floats_differ('starting_mrr', 'expected_mrr') }}
