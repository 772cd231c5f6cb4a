-- Customer lifetime value per month (kpis.md kpi_customer_lifetime_value, DECISIONS 28):
-- arpu x gross_margin / the mean monthly churn rate of the three latest complete months
-- up to the month (the month itself when complete, else the three before it).
with

mrr_months as (
    select
        month,
        arpu
    from {{ ref('kpi_mrr') }}
),

churn_months as (
    select
        month,
        customer_churn_rate,
        is_complete_month
    from {{ ref('kpi_customer_churn') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

-- For each month, the complete months up to it, numbered from the latest.
complete_months_ranked as (
    select
        months.month,
        churn_months.customer_churn_rate,
        row_number() over (
            partition by months.month
            order by churn_months.month desc
        ) as recency_rank
    from months
    inner join churn_months
        on
            months.month >= churn_months.month
            and churn_months.is_complete_month
),

-- Null unless all three months exist and have a rate (DECISIONS 28).
trailing_churn as (
    select
        month,
        count(customer_churn_rate) as months_with_rate,
        avg(customer_churn_rate) as avg_churn_rate
    from complete_months_ranked
    where recency_rank <= 3
    group by
        month
),

final as (
    select
        months.month,
        mrr_months.arpu,
        case
            when trailing_churn.months_with_rate = 3 then trailing_churn.avg_churn_rate
        end as trailing_3m_customer_churn_rate,
        cast({{ var('saas_kpis_gross_margin') }} as {{ type_double() }}) as gross_margin,
        case
            when trailing_churn.months_with_rate = 3
                then {{ safe_divide(
                    'mrr_months.arpu * ' ~ var('saas_kpis_gross_margin'),
                    'trailing_churn.avg_churn_rate'
                ) }}
        end as customer_lifetime_value,
        months.is_complete_month
    from months
    left join mrr_months
        on months.month = mrr_months.month
    left join trailing_churn
        on months.month = trailing_churn.month
)

select * from final
