-- Product adoption: per month and product feature, the share of the month's active
-- customers that used the feature at least once. Every month x every feature of the
-- map (DECISIONS 17).
with

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

product_features as (
    select
        feature_key,
        feature_name
    from {{ ref('int_product_features_named') }}
),

engagement_months as (
    select
        month,
        active_customers
    from {{ ref('int_engagement_months_aggregated') }}
),

customer_months as (
    select
        account_id,
        month
    from {{ ref('int_customer_months') }}
),

account_feature_months as (
    select
        account_id,
        feature_key,
        month
    from {{ ref('int_account_feature_months_aggregated') }}
),

-- Only accounts that are customers in the month adopt (DECISIONS 31).
feature_adopters as (
    select
        account_feature_months.month,
        account_feature_months.feature_key,
        count(*) as adopting_customers
    from account_feature_months
    inner join customer_months
        on
            account_feature_months.account_id = customer_months.account_id
            and account_feature_months.month = customer_months.month
    group by
        account_feature_months.month,
        account_feature_months.feature_key
),

final as (
    select
        months.month,
        product_features.feature_key,
        product_features.feature_name,
        engagement_months.active_customers,
        coalesce(feature_adopters.adopting_customers, 0) as adopting_customers,
        {{ safe_divide(
            'coalesce(feature_adopters.adopting_customers, 0)',
            'engagement_months.active_customers'
        ) }} as adoption_rate,
        months.is_complete_month
    from months
    cross join product_features
    inner join engagement_months
        on months.month = engagement_months.month
    left join feature_adopters
        on
            months.month = feature_adopters.month
            and product_features.feature_key = feature_adopters.feature_key
)

select * from final
