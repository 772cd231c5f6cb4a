-- Engagement of the month's customers: how many were active, how often, and how
-- sticky the product is (average daily active users over monthly active users).
with

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

engagement_months as (
    select
        month,
        customers,
        active_customers,
        customer_active_days,
        daily_active_users_sum,
        monthly_active_users,
        observed_days
    from {{ ref('int_engagement_months_aggregated') }}
),

-- Average DAU: the month's days up to as_of_date, each with its distinct active users
-- (DECISIONS 31).
engagement_measured as (
    select
        month,
        customers,
        active_customers,
        {{ safe_divide('active_customers', 'customers') }} as engagement_rate,
        {{ safe_divide('customer_active_days', 'active_customers') }}
            as avg_active_days_per_active_customer,
        {{ safe_divide('daily_active_users_sum', 'observed_days') }}
            as avg_daily_active_users,
        monthly_active_users
    from engagement_months
),

final as (
    select
        engagement_measured.month,
        engagement_measured.customers,
        engagement_measured.active_customers,
        engagement_measured.engagement_rate,
        engagement_measured.avg_active_days_per_active_customer,
        engagement_measured.avg_daily_active_users,
        engagement_measured.monthly_active_users,
        {{ safe_divide(
            'engagement_measured.avg_daily_active_users',
            'engagement_measured.monthly_active_users'
        ) }} as stickiness,
        months.is_complete_month
    from engagement_measured
    inner join months
        on engagement_measured.month = months.month
)

select * from final
