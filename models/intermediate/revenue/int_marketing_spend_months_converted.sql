-- Marketing spend per spine month and acquisition channel in the reporting currency
-- (kpis.md kpi_customer_acquisition_cost, DECISIONS 11, 28): each spend row converted
-- at its spend month's rates, then summed. Spend months outside the spine (after
-- as_of_date's month) are not reported.
with

marketing_spend as (
    select
        spend_month,
        acquisition_channel,
        amount_native,
        currency
    from {{ ref('stg_marketing__marketing_spend') }}
),

months as (
    select month from {{ ref('int_month_spine') }}
),

rates as (
    {{ reporting_currency_rates() }}
),

final as (
    select
        months.month,
        marketing_spend.acquisition_channel,
        sum(
            {{ to_reporting_currency(
                'cast(marketing_spend.amount_native as ' ~ type_double() ~ ')'
            ) }}
        ) as marketing_spend
    from marketing_spend
    inner join months
        on cast({{ dbt.date_trunc('month', 'marketing_spend.spend_month') }} as date) = months.month
    inner join rates
        on
            upper(marketing_spend.currency) = rates.currency
            and months.month = rates.month
    group by
        months.month,
        marketing_spend.acquisition_channel
)

select * from final
