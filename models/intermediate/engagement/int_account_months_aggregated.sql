{{ account_day_config('product_activity_sources', 'month', period='month') }}

-- Product activity per account and calendar month, up to the end of as_of_date
-- (DECISIONS 16): active days, events and distinct active users. Every account with
-- activity (test accounts excluded upstream); marts keep the customers of the month.
-- Incremental by account and month like the feature months: a run recomputes, for each
-- account the new loads change, its months from the first changed day's month on.
with

user_days_in_months as (
    select
        user_days.account_id,
        user_days.user_id,
        user_days.events,
        user_days.activity_date,
        cast({{ dbt.date_trunc('month', 'user_days.activity_date') }} as date) as month
    from {{ ref('int_user_days_aggregated') }} as user_days
    {{- changed_account_days_join(
        product_activity_sources(), 'user_days.activity_date', 'user_days.account_id', period='month'
    ) }}
    where user_days.activity_date <= {{ as_of_date() }}
),

account_months as (
    select
        account_id,
        month,
        count(distinct activity_date) as active_days,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        count(distinct user_id) as active_users
    from user_days_in_months
    group by
        account_id,
        month
),

final as (
    select
        account_id,
        month,
        active_days,
        events,
        active_users
    from account_months
)

select * from final
