-- How the customer base's health is distributed at each month end (kpis.md, DECISIONS
-- 43): the rows of customer_health_daily on the month's last day (as_of_date for the
-- current month), override-aware, per band. A band without accounts that month has no
-- row (DECISIONS 17).
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
        health_band,
        health_score
    from {{ ref('customer_health_daily') }}
),

month_end_scores as (
    select
        months.month,
        months.is_complete_month,
        health_days.account_id,
        health_days.health_band,
        health_days.health_score
    from months
    inner join health_days
        on months.month_end_date = health_days.score_date
    where health_days.health_band is not null
),

bands_summarized as (
    select
        month,
        health_band,
        is_complete_month,
        count(*) as accounts,
        sum(health_score) as total_health_score
    from month_end_scores
    group by
        month,
        health_band,
        is_complete_month
),

months_summarized as (
    select
        month,
        count(*) as scored_accounts
    from month_end_scores
    group by
        month
),

final as (
    select
        bands_summarized.month,
        bands_summarized.health_band,
        bands_summarized.accounts,
        months_summarized.scored_accounts,
        {{ safe_divide('bands_summarized.accounts', 'months_summarized.scored_accounts') }}
            as share_of_accounts,
        {{ safe_divide('bands_summarized.total_health_score', 'bands_summarized.accounts') }}
            as avg_health_score,
        bands_summarized.total_health_score,
        bands_summarized.is_complete_month
    from bands_summarized
    inner join months_summarized
        on bands_summarized.month = months_summarized.month
)

select * from final
