{{
    config(
        materialized=account_day_materialization(),
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'run_state': true, 'test_window_column': 'recorded_at'},
        pre_hook="{{ trim_read_changes() }}",
        post_hook="{{ record_load_watermarks(health_sources()) }}",
    )
}}

-- The change log of the models incremental by account and day
-- (macros/incremental_changes.sql): per run, raw system and account, the first day the
-- rows loaded since the log's last build change. Found once per run from the large base
-- tables, so that each of those models reads its changed accounts from this small table
-- (the entries appended since its own last build). A full build (the first one,
-- --full-refresh) lists every account from its first day: its readers then recompute
-- everything. Entries every reader has read are dropped (trim_read_changes).
with

changes as (
    {{ loaded_changes(health_sources(), is_incremental()) }}
),

final as (
    select
        source_table,
        account_id,
        first_changed_date,
        {{ run_recorded_at() }} as recorded_at
    from changes
)

select * from final
