{#-
    Which model got slower this month: each node's runs, failures and mean seconds per
    calendar month of the nightly run history, next to its previous month with runs.
    Built by `make nightly` after it has appended the run (selector run_history).
-#}
{{ config(tags=['run_history']) }}

with

node_runs as (
    {{ run_history_source('run_history_nodes', {
        'run_id': 'string',
        'run_started_at': 'timestamp',
        'node_id': 'string',
        'node_name': 'string',
        'resource_type': 'string',
        'status': 'string',
        'seconds': 'double',
    }) }}
),

monthly as (
    select
        node_id,
        cast({{ dbt.date_trunc('month', 'run_started_at') }} as date) as month,
        max(node_name) as node_name,
        max(resource_type) as resource_type,
        count(*) as runs,
        sum(
            case when status in ('error', 'fail', 'runtime error') then 1 else 0 end
        ) as failed_runs,
        sum(case when status = 'warn' then 1 else 0 end) as warned_runs,
        avg(seconds) as avg_seconds,
        max(seconds) as max_seconds
    from node_runs
    group by
        node_id,
        cast({{ dbt.date_trunc('month', 'run_started_at') }} as date)
),

final as (
    select
        node_id,
        month,
        node_name,
        resource_type,
        runs,
        failed_runs,
        warned_runs,
        cast(avg_seconds as {{ type_double() }}) as avg_seconds,
        cast(max_seconds as {{ type_double() }}) as max_seconds,
        cast(
            lag(avg_seconds) over (partition by node_id order by month)
            as {{ type_double() }}
        ) as previous_avg_seconds,
        cast(
            avg_seconds - lag(avg_seconds) over (partition by node_id order by month)
            as {{ type_double() }}
        ) as avg_seconds_change
    from monthly
)

select * from final
