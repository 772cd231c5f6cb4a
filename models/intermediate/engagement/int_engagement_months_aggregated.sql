-- Engagement of the customers of each spine month (DECISIONS 31): only the activity of
-- accounts that are customers in the month counts. One row per spine month, zeros
-- where nothing happened; the engagement, adoption and time-in-product marts read
-- their shared counts (active customers, active users) from here.
with

months as (
    select
        month,
        month_end_date
    from {{ ref('int_month_spine') }}
),

customer_months as (
    select
        account_id,
        month
    from {{ ref('int_customer_months') }}
),

account_months as (
    select
        account_id,
        month,
        active_days
    from {{ ref('int_account_months_aggregated') }}
),

user_days as (
    select
        account_id,
        user_id,
        activity_date,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month
    from {{ ref('int_user_days_aggregated') }}
    where activity_date <= {{ as_of_date() }}
),

customer_activity as (
    select
        customer_months.month,
        count(*) as customers,
        count(account_months.account_id) as active_customers,
        coalesce(
            cast(sum(account_months.active_days) as {{ dbt.type_bigint() }}), 0
        ) as customer_active_days
    from customer_months
    left join account_months
        on
            customer_months.account_id = account_months.account_id
            and customer_months.month = account_months.month
    group by
        customer_months.month
),

customer_user_days as (
    select
        user_days.user_id,
        user_days.activity_date,
        user_days.month
    from user_days
    inner join customer_months
        on
            user_days.account_id = customer_months.account_id
            and user_days.month = customer_months.month
),

daily_active_users as (
    select
        month,
        activity_date,
        count(distinct user_id) as active_users
    from customer_user_days
    group by
        month,
        activity_date
),

daily_active_users_summed as (
    select
        month,
        cast(sum(active_users) as {{ dbt.type_bigint() }}) as daily_active_users_sum
    from daily_active_users
    group by
        month
),

monthly_active_users as (
    select
        month,
        count(distinct user_id) as monthly_active_users
    from customer_user_days
    group by
        month
),

final as (
    select
        months.month,
        coalesce(customer_activity.customers, 0) as customers,
        coalesce(customer_activity.active_customers, 0) as active_customers,
        coalesce(customer_activity.customer_active_days, 0) as customer_active_days,
        coalesce(daily_active_users_summed.daily_active_users_sum, 0)
            as daily_active_users_sum,
        coalesce(monthly_active_users.monthly_active_users, 0) as monthly_active_users,
        {{ dbt.datediff('months.month', 'months.month_end_date', 'day') }} + 1
            as observed_days
    from months
    left join customer_activity
        on months.month = customer_activity.month
    left join daily_active_users_summed
        on months.month = daily_active_users_summed.month
    left join monthly_active_users
        on months.month = monthly_active_users.month
)

select * from final
