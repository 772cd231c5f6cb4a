-- The sum of fct_mrr.mrr per month equals kpi_mrr.mrr. Compared to within rounding
-- (floats_differ). That kpi_mrr has every spine month once is
-- assert_revenue_month_marts_cover_the_spine's check.
with

account_months as (
    select
        month,
        mrr
    from {{ ref('fct_mrr') }}
),

kpi_mrr as (
    select
        month,
        mrr
    from {{ ref('kpi_mrr') }}
),

account_mrr_summed as (
    select
        month,
        sum(mrr) as mrr
    from account_months
    group by
        month
),

compared as (
    select
        kpi_mrr.month,
        kpi_mrr.mrr as kpi_mrr,
        coalesce(account_mrr_summed.mrr, 0) as fct_mrr
    from kpi_mrr
    left join account_mrr_summed
        on kpi_mrr.month = account_mrr_summed.month
)

select *
from compared
where {{ floats_differ('fct_mrr', 'kpi_mrr') }}
