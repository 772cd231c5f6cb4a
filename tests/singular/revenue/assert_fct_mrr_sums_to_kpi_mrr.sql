-- The sum of fct_mrr.mrr per month equals kpi_mrr.mrr, and every spine month is in
-- kpi_mrr (DECISIONS 17). Compared to within rounding (floats_differ).
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

months as (
    select month from {{ ref('int_month_spine') }}
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
        months.month,
        kpi_mrr.month as kpi_month,
        kpi_mrr.mrr as kpi_mrr,
        coalesce(account_mrr_summed.mrr, 0) as fct_mrr
    from months
    left join kpi_mrr
        on months.month = kpi_mrr.month
    left join account_mrr_summed
        on months.month = account_mrr_summed.month
)

select *
from compared
where
    kpi_month is null
    or {{ floats_differ('fct_mrr', 'kpi_mrr') }}
