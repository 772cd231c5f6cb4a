{#-
    When rejections of a raw table jumped: each nightly run's counts per raw table, the
    rejected share, and what changed since the table's previous run in the history.
    Built by `make nightly` after it has appended the run (selector run_history).
-#}
{{ config(tags=['run_history']) }}

with

raw_table_runs as (
    {{ run_history_source('run_history_raw_tables', {
        'run_id': 'string',
        'run_started_at': 'timestamp',
        'source_table': 'string',
        'raw_rows': 'bigint',
        'clean_rows': 'bigint',
        'rejected_rows': 'bigint',
        'duplicate_rows': 'bigint',
    }) }}
),

with_previous as (
    select
        *,
        lag(raw_rows) over (
            partition by source_table order by run_started_at
        ) as previous_raw_rows,
        lag(rejected_rows) over (
            partition by source_table order by run_started_at
        ) as previous_rejected_rows
    from raw_table_runs
),

final as (
    select
        run_id,
        run_started_at,
        source_table,
        raw_rows,
        clean_rows,
        rejected_rows,
        duplicate_rows,
        {{ safe_divide('rejected_rows', 'raw_rows') }} as rejected_share,
        {{ safe_divide('previous_rejected_rows', 'previous_raw_rows') }}
            as previous_rejected_share,
        raw_rows - previous_raw_rows as new_raw_rows,
        rejected_rows - previous_rejected_rows as new_rejected_rows
    from with_previous
)

select * from final
