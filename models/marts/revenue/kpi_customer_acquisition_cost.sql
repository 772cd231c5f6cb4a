-- Customer acquisition cost per month and acquisition channel (kpis.md
-- kpi_customer_acquisition_cost, DECISIONS 28): marketing spend in the reporting
-- currency at the spend month's rates, over the accounts whose first paid month it is
-- (category `new`), attributed to the account's acquisition channel. A row for every
-- month and channel with spend or new customers.
with

spend_converted as (
    select
        month,
        acquisition_channel,
        marketing_spend
    from {{ ref('int_marketing_spend_months_converted') }}
),

account_months as (
    select
        account_id,
        month
    from {{ ref('fct_mrr') }}
    where change_category = 'new'
),

accounts as (
    select
        account_id,
        acquisition_channel
    from {{ ref('int_accounts_cohorted') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

lifetime_values as (
    select
        month,
        customer_lifetime_value
    from {{ ref('kpi_customer_lifetime_value') }}
),

new_customers_counted as (
    select
        account_months.month,
        accounts.acquisition_channel,
        count(*) as new_customers
    from account_months
    inner join accounts
        on account_months.account_id = accounts.account_id
    group by
        account_months.month,
        accounts.acquisition_channel
),

month_channels as (
    select
        month,
        acquisition_channel
    from spend_converted
    union
    select
        month,
        acquisition_channel
    from new_customers_counted
),

channels_joined as (
    select
        month_channels.month,
        month_channels.acquisition_channel,
        coalesce(spend_converted.marketing_spend, 0) as marketing_spend,
        coalesce(new_customers_counted.new_customers, 0) as new_customers
    from month_channels
    left join spend_converted
        on
            month_channels.month = spend_converted.month
            and month_channels.acquisition_channel = spend_converted.acquisition_channel
    left join new_customers_counted
        on
            month_channels.month = new_customers_counted.month
            and month_channels.acquisition_channel = new_customers_counted.acquisition_channel
),

-- cac is null without new customers; ltv_to_cac null when cac is 0 or null.
final as (
    select
        channels_joined.month,
        channels_joined.acquisition_channel,
        channels_joined.marketing_spend,
        channels_joined.new_customers,
        {{ safe_divide('channels_joined.marketing_spend', 'channels_joined.new_customers') }}
            as cac,
        lifetime_values.customer_lifetime_value,
        {{ safe_divide(
            'lifetime_values.customer_lifetime_value',
            safe_divide('channels_joined.marketing_spend', 'channels_joined.new_customers')
        ) }} as ltv_to_cac,
        months.is_complete_month
    from channels_joined
    inner join months
        on channels_joined.month = months.month
    left join lifetime_values
        on channels_joined.month = lifetime_values.month
)

select * from final
