-- The MRR bridge closes every month: mrr(m) - mrr(m-1) = net_new_mrr + fx_adjustment_mrr
-- (kpis.md kpi_mrr). Both sides are sums of double-precision money, so they are compared
-- to within rounding (floats_differ), not bit for bit. mrr(m-1) of the first spine
-- month is 0: nothing is in effect before the spine starts.
with

kpi_mrr as (
    select
        month,
        mrr,
        net_new_mrr,
        fx_adjustment_mrr
    from {{ ref('kpi_mrr') }}
),

months_paired as (
    select
        current_month.month,
        current_month.mrr,
        current_month.net_new_mrr,
        current_month.fx_adjustment_mrr,
        coalesce(previous_month.mrr, 0) as previous_month_mrr
    from kpi_mrr as current_month
    left join kpi_mrr as previous_month
        on
            current_month.month
            = cast({{ dbt.dateadd('month', 1, 'previous_month.month') }} as date)
)

select *
from months_paired
where {{ floats_differ('mrr - previous_month_mrr', 'net_new_mrr + fx_adjustment_mrr') }}
