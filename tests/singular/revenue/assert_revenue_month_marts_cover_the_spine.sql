-- Every revenue mart whose only grain column is a month has exactly one row per spine
-- month (DECISIONS 17), and kpi_customer_retention one month row per spine month
-- (DECISIONS 55).
{#- The marts whose grain column is `month` itself. -#}
{%- set month_marts = [
    'kpi_mrr', 'kpi_customer_churn', 'kpi_revenue_retention', 'kpi_customer_lifetime_value'
] %}
with

months as (
    select month from {{ ref('int_month_spine') }}
),

mart_months as (
    {%- for mart in month_marts %}
        select
            '{{ mart }}' as mart,
            month
        from {{ ref(mart) }}
        union all
    {%- endfor %}
    select
        'kpi_trial_conversion' as mart,
        trial_start_month as month
    from {{ ref('kpi_trial_conversion') }}
    union all
    select
        'kpi_customer_retention' as mart,
        period_start as month
    from {{ ref('kpi_customer_retention') }}
    where period_grain = 'month'
),

marts as (
    select distinct mart from mart_months
),

expected as (
    select
        marts.mart,
        months.month
    from marts
    cross join months
),

mart_month_counts as (
    select
        mart,
        month,
        count(*) as rows_in_mart
    from mart_months
    group by
        mart,
        month
),

compared as (
    select
        coalesce(expected.mart, mart_month_counts.mart) as mart,
        coalesce(expected.month, mart_month_counts.month) as month,
        coalesce(mart_month_counts.rows_in_mart, 0) as rows_in_mart,
        expected.month is not null as is_spine_month
    from expected
    full outer join mart_month_counts
        on
            expected.mart = mart_month_counts.mart
            and expected.month = mart_month_counts.month
)

select *
from compared
where not is_spine_month or rows_in_mart != 1
