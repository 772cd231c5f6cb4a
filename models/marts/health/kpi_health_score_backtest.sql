{#- The horizon is part of the contract's column names (churned_within_90d). -#}
{%- set horizon_days = 90 %}

-- Does the score predict churn? (kpis.md, DECISIONS 43.) For every complete month whose
-- last day plus 90 days is on or before as_of_date, the accounts scored on that last day
-- (the snapshot) per band, and how many of them churned within 90 days: were not a
-- customer at the end of at least one day in (snapshot, snapshot + 90]. lift_vs_all
-- compares the band's churn rate with the rate of all bands that month; on realistic
-- data the critical band churns several times more often than the healthy one.
with

months as (
    select
        month,
        month_end_date,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

health_days as (
    select
        account_id,
        score_date,
        health_band
    from {{ ref('customer_health_daily') }}
),

subscription_states as (
    select
        account_id,
        valid_from_date
    from {{ ref('int_account_subscription_states_segmented') }}
    where not is_customer
),

snapshot_months as (
    select
        month,
        month_end_date as snapshot_date,
        cast({{ dbt.dateadd('day', horizon_days, 'month_end_date') }} as date)
            as horizon_end_date,
        is_complete_month
    from months
    where
        is_complete_month
        and cast({{ dbt.dateadd('day', horizon_days, 'month_end_date') }} as date)
        <= {{ as_of_date() }}
),

snapshot_scores as (
    select
        snapshot_months.month,
        snapshot_months.snapshot_date,
        snapshot_months.horizon_end_date,
        snapshot_months.is_complete_month,
        health_days.account_id,
        health_days.health_band
    from snapshot_months
    inner join health_days
        on snapshot_months.snapshot_date = health_days.score_date
    where health_days.health_band is not null
),

-- A customer on the snapshot day stops being one on the first day of a non-customer
-- segment of its subscription state; churned when such a day falls in the horizon.
churned_accounts as (
    select distinct
        snapshot_scores.month,
        snapshot_scores.account_id
    from snapshot_scores
    inner join subscription_states
        on
            snapshot_scores.account_id = subscription_states.account_id
            and snapshot_scores.snapshot_date < subscription_states.valid_from_date
            and snapshot_scores.horizon_end_date >= subscription_states.valid_from_date
),

snapshot_outcomes as (
    select
        snapshot_scores.month,
        snapshot_scores.snapshot_date,
        snapshot_scores.is_complete_month,
        snapshot_scores.health_band,
        case when churned_accounts.account_id is not null then 1 else 0 end as has_churned
    from snapshot_scores
    left join churned_accounts
        on
            snapshot_scores.month = churned_accounts.month
            and snapshot_scores.account_id = churned_accounts.account_id
),

bands_summarized as (
    select
        month,
        health_band,
        snapshot_date,
        is_complete_month,
        count(*) as accounts,
        sum(has_churned) as churned_within_90d
    from snapshot_outcomes
    group by
        month,
        health_band,
        snapshot_date,
        is_complete_month
),

months_summarized as (
    select
        month,
        count(*) as all_accounts,
        sum(has_churned) as all_churned_within_90d
    from snapshot_outcomes
    group by
        month
),

rates_computed as (
    select
        bands_summarized.month,
        bands_summarized.health_band,
        bands_summarized.snapshot_date,
        bands_summarized.accounts,
        bands_summarized.churned_within_90d,
        {{ safe_divide('bands_summarized.churned_within_90d', 'bands_summarized.accounts') }}
            as churn_rate_90d,
        months_summarized.all_accounts,
        months_summarized.all_churned_within_90d,
        {{ safe_divide(
            'months_summarized.all_churned_within_90d', 'months_summarized.all_accounts'
        ) }} as all_churn_rate_90d,
        bands_summarized.is_complete_month
    from bands_summarized
    inner join months_summarized
        on bands_summarized.month = months_summarized.month
),

final as (
    select
        month,
        health_band,
        accounts,
        cast(churned_within_90d as {{ dbt.type_bigint() }}) as churned_within_90d,
        churn_rate_90d,
        all_accounts,
        cast(all_churned_within_90d as {{ dbt.type_bigint() }}) as all_churned_within_90d,
        all_churn_rate_90d,
        {{ safe_divide('churn_rate_90d', 'all_churn_rate_90d') }} as lift_vs_all,
        is_complete_month,
        snapshot_date
    from rates_computed
)

select * from final
