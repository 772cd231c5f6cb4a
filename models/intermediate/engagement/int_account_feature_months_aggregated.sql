{{ account_day_config('product_activity_sources', 'month', period='month') }}

-- Feature usage per account, product feature and calendar month, up to the end of
-- as_of_date: the product_features seed maps event names to features (an event name
-- absent from the map belongs to no feature, DECISIONS 14). Input of product adoption.
-- Incremental by account and month (macros/incremental_changes.sql): a run recomputes,
-- for each account the new loads change, its months from the first changed day's month
-- on. A changed feature map (the product_features seed) needs --full-refresh.
with

account_event_days as (
    select
        event_days.account_id,
        event_days.event_name,
        event_days.events,
        event_days.activity_date
    from {{ ref('int_account_event_days_aggregated') }} as event_days
    {{- changed_account_days_join(
        product_activity_sources(), 'event_days.activity_date', 'event_days.account_id', period='month'
    ) }}
    where event_days.activity_date <= {{ as_of_date() }}
),

product_features as (
    select
        event_name,
        feature_key
    from {{ ref('stg_config__product_features') }}
),

feature_days as (
    select
        account_event_days.account_id,
        product_features.feature_key,
        account_event_days.events,
        account_event_days.activity_date,
        cast({{ dbt.date_trunc('month', 'account_event_days.activity_date') }} as date)
            as month
    from account_event_days
    inner join product_features
        on account_event_days.event_name = product_features.event_name
),

account_feature_months as (
    select
        account_id,
        feature_key,
        month,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        count(distinct activity_date) as active_days
    from feature_days
    group by
        account_id,
        feature_key,
        month
),

final as (
    select
        account_id,
        feature_key,
        month,
        events,
        active_days
    from account_feature_months
)

select * from final
