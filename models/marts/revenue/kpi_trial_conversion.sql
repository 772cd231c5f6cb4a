-- Free-to-paid conversion per trial-start cohort (kpis.md kpi_trial_conversion,
-- DECISIONS 27, 53). A trial starts at the account's earliest trialing version; it
-- converts when the account's MRR is > 0 at some instant from the trial start to the
-- end of the window's last calendar day (DECISIONS 19). MRR > 0 at an instant means a
-- paid version is in effect then: versions never carry negative MRR.
with

versions as (
    select
        account_id,
        status,
        is_paid,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

trials_started as (
    select
        account_id,
        min(valid_from) as trial_started_at
    from versions
    where status = 'trialing'
    group by
        account_id
),

-- Window edges are inclusive calendar days: the window ends at midnight after the
-- trial-start date + saas_kpis_trial_conversion_window_days.
trial_windows as (
    select
        account_id,
        trial_started_at,
        cast({{ dbt.date_trunc('month', 'trial_started_at') }} as date) as trial_start_month,
        cast(
            {{ dbt.dateadd(
                'day',
                var('saas_kpis_trial_conversion_window_days') | int + 1,
                'cast(trial_started_at as date)'
            ) }} as {{ dbt.type_timestamp() }}
        ) as window_end_at
    from trials_started
),

-- The first instant in the window at which a paid version is in effect: the later of
-- the trial start and the version's start, over the paid versions overlapping the
-- window.
conversions as (
    select
        trial_windows.account_id,
        min(
            case
                when versions.valid_from > trial_windows.trial_started_at
                    then versions.valid_from
                else trial_windows.trial_started_at
            end
        ) as converted_at
    from trial_windows
    inner join versions
        on
            trial_windows.account_id = versions.account_id
            and versions.is_paid
            and trial_windows.window_end_at > versions.valid_from
            and (
                versions.valid_to is null
                or trial_windows.trial_started_at < versions.valid_to
            )
    group by
        trial_windows.account_id
),

trials_measured as (
    select
        trial_windows.account_id,
        trial_windows.trial_start_month,
        conversions.converted_at is not null as is_converted,
        {{ seconds_between('trial_windows.trial_started_at', 'conversions.converted_at') }}
        / 86400 as days_to_convert
    from trial_windows
    left join conversions
        on trial_windows.account_id = conversions.account_id
),

cohorts_summed as (
    select
        trial_start_month,
        count(*) as trials_started,
        count(case when is_converted then account_id end) as converted,
        {{ percentile_cont('days_to_convert', 0.5) }} as median_days_to_convert,
        avg(days_to_convert) as avg_days_to_convert
    from trials_measured
    group by
        trial_start_month
),

-- Mature: the last day of the cohort month + the window is on or before as_of_date
-- (DECISIONS 18, 53).
final as (
    select
        months.month as trial_start_month,
        coalesce(cohorts_summed.trials_started, 0) as trials_started,
        coalesce(cohorts_summed.converted, 0) as converted,
        {{ safe_divide('cohorts_summed.converted', 'cohorts_summed.trials_started') }}
            as conversion_rate,
        cohorts_summed.median_days_to_convert,
        cohorts_summed.avg_days_to_convert,
        cast(
            {{ dbt.dateadd(
                'day',
                var('saas_kpis_trial_conversion_window_days') | int - 1,
                dbt.dateadd('month', 1, 'months.month')
            ) }} as date
        ) <= {{ as_of_date() }} as is_mature
    from months
    left join cohorts_summed
        on months.month = cohorts_summed.trial_start_month
)

select * from final
