-- Resolution time, reopens and one-touch resolution per month of ticket creation and
-- priority (kpis.md, DECISIONS 33). Rates are over the solved tickets: only a solved
-- ticket can be reopened or solved in one touch.
with

tickets as (
    select
        month,
        priority,
        first_resolution_minutes,
        full_resolution_minutes,
        reopen_count,
        public_agent_replies
    from {{ ref('fct_tickets') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

tickets_flagged as (
    select
        month,
        priority,
        first_resolution_minutes,
        full_resolution_minutes,
        first_resolution_minutes is not null as is_solved,
        reopen_count > 0 as is_reopened,
        -- One touch: solved with exactly one public agent comment over its life.
        first_resolution_minutes is not null and public_agent_replies = 1 as is_one_touch
    from tickets
),

resolutions_aggregated as (
    select
        month,
        priority,
        count(*) as tickets,
        count(case when is_solved then 1 end) as solved_tickets,
        {{ percentile_cont('first_resolution_minutes', 0.5) }}
            as median_first_resolution_minutes,
        {{ percentile_cont('full_resolution_minutes', 0.5) }}
            as median_full_resolution_minutes,
        count(case when is_reopened then 1 end) as reopened_tickets,
        count(case when is_one_touch then 1 end) as one_touch_tickets
    from tickets_flagged
    group by
        month,
        priority
),

final as (
    select
        resolutions_aggregated.month,
        resolutions_aggregated.priority,
        resolutions_aggregated.tickets,
        resolutions_aggregated.solved_tickets,
        resolutions_aggregated.median_first_resolution_minutes,
        resolutions_aggregated.median_full_resolution_minutes,
        resolutions_aggregated.reopened_tickets,
        {{ safe_divide(
            'resolutions_aggregated.reopened_tickets',
            'resolutions_aggregated.solved_tickets'
        ) }} as reopen_rate,
        resolutions_aggregated.one_touch_tickets,
        {{ safe_divide(
            'resolutions_aggregated.one_touch_tickets',
            'resolutions_aggregated.solved_tickets'
        ) }} as one_touch_rate,
        months.is_complete_month
    from resolutions_aggregated
    inner join months
        on resolutions_aggregated.month = months.month
)

select * from final
