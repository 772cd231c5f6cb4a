-- License utilization: distinct active users of the paying customers over the seats
-- they hold at the month's end (seats on versions with MRR > 0, DECISIONS 21, 38).
with

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

paying_accounts as (
    select
        account_id,
        month,
        seats_purchased
    from {{ ref('int_account_month_seats_purchased') }}
),

user_days as (
    select
        account_id,
        user_id,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month
    from {{ ref('int_user_days_aggregated') }}
    where activity_date <= {{ as_of_date() }}
),

seats_summed as (
    select
        month,
        count(*) as paying_customers,
        cast(sum(seats_purchased) as {{ dbt.type_bigint() }}) as seats_purchased
    from paying_accounts
    group by
        month
),

active_users_of_paying_accounts as (
    select
        user_days.month,
        count(distinct user_days.user_id) as active_users
    from user_days
    inner join paying_accounts
        on
            user_days.account_id = paying_accounts.account_id
            and user_days.month = paying_accounts.month
    group by
        user_days.month
),

final as (
    select
        months.month,
        coalesce(seats_summed.paying_customers, 0) as paying_customers,
        coalesce(seats_summed.seats_purchased, 0) as seats_purchased,
        coalesce(active_users_of_paying_accounts.active_users, 0) as active_users,
        {{ safe_divide(
            'coalesce(active_users_of_paying_accounts.active_users, 0)',
            'seats_summed.seats_purchased'
        ) }} as license_utilization,
        months.is_complete_month
    from months
    left join seats_summed
        on months.month = seats_summed.month
    left join active_users_of_paying_accounts
        on months.month = active_users_of_paying_accounts.month
)

select * from final
