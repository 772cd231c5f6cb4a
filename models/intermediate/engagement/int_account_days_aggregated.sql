{{ account_day_config('product_activity_sources', 'activity_date') }}

-- Product activity per account and UTC day (events, distinct active users), rolled up
-- from the user days, incremental like them (the same changed accounts and days). The
-- health score reads it for "days with any product event in the last 30 days".
with

user_days as (
    select
        user_days.account_id,
        user_days.user_id,
        user_days.activity_date,
        user_days.events
    from {{ ref('int_user_days_aggregated') }} as user_days
    {{- changed_account_days_join(
        product_activity_sources(), 'user_days.activity_date', 'user_days.account_id'
    ) }}
),

account_days as (
    select
        account_id,
        activity_date,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        count(distinct user_id) as active_users
    from user_days
    group by
        account_id,
        activity_date
),

final as (
    select
        account_id,
        events,
        active_users,
        activity_date
    from account_days
)

select * from final
