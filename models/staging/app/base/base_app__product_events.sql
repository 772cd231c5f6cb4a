{#-
    Every raw product event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). The largest raw table: incremental (a table on Spark, whose
    parquet tables cannot delete+insert; dbt_project.yml), so that a nightly run parses
    only the event_ids with rows loaded since the last run, all their copies, and
    replaces those event_ids' rows (incremental_new_raw_rows_filter). Events rejected
    as orphans are re-checked on every run: they turn clean once their account arrives.

    Only the rows of event_ids delivered more than once are ranked: a window over every
    row would hold the whole table (and spill to disk) to rank the one copy almost every
    event has. The CTEs that both branches of `ranked` read are inlined
    (not_materialized) so that each branch parses only its own rows.
-#}
{{
    config(
        incremental_strategy='delete+insert',
        unique_key='raw_row_key',
        on_schema_change='fail',
    )
}}
{%- set columns = [
    'event_id', 'account_id', 'user_id', 'session_id', 'event_name', 'occurred_at', '_loaded_at',
] -%}
{%- set required = [
    'event_id', 'account_id', 'user_id', 'event_name', 'occurred_at', '_loaded_at',
] -%}
{%- set key_faults = [
    fault_missing('event_id'),
    fault_missing('_loaded_at'),
    fault_timestamp('_loaded_at'),
] -%}
{%- set event_id_cleaned = raw_text('event_id') -%}

with

-- On a full build every raw row, inlined like the CTEs below; on an incremental run the
-- few rows to re-process, computed once (their filter reads the whole raw table).
source as {{ '' if is_incremental() else not_materialized() }} (
    select * from {{ raw_relation('app', 'product_events') }}
    where {{ incremental_new_raw_rows_filter(
        raw_relation('app', 'product_events'),
        'event_id',
        recheck="rejection_kind = 'orphan_foreign_key'",
    ) }}
),

copied_event_ids as (
    select {{ event_id_cleaned }} as copied_event_id
    from source
    group by {{ event_id_cleaned }}
    having count(*) > 1
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as {{ not_materialized() }} (
    select
        {{- raw_columns_as_text(
            raw_relation('app', 'product_events'), 'app.product_events', columns, required
        ) }},
        copied_event_ids.copied_event_id is not null as has_copies
    from source
    left join copied_event_ids
        on {{ event_id_cleaned }} = copied_event_ids.copied_event_id
),

cleaned as {{ not_materialized() }} (
    select
        {{ clean_columns(columns) }},
        has_copies
    from delivered
),

parsed as {{ not_materialized() }} (
    select
        *,
        event_id_text as event_id,
        account_id_text as account_id,
        user_id_text as user_id,
        session_id_text as session_id,
        -- DECISIONS 14: matched to the feature map exactly after trim + lower.
        lower(event_name_text) as event_name,
        {{ parse_timestamp('occurred_at_text') }} as occurred_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the copies of one key are ranked, a single copy is the winner.
ranked as (
    select
        *,
        {{ first_fault(key_faults, prefix='key_') }},
        {{ dedupe_row_number(['event_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
    where has_copies
    union all
    select
        *,
        {{ first_fault(key_faults, prefix='key_') }},
        1 as dedupe_rank
    from parsed
    where not has_copies
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('user_id'),
            fault_missing('event_name'),
            fault_missing('occurred_at'),
            fault_timestamp('occurred_at'),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
        ]) }}
    from ranked
    left join clean_accounts
        on ranked.account_id = clean_accounts.parent_account_id
),

final as (
    select
        'product_events' as source_table,
        event_id as record_key,
        -- the incremental key: the event_id, or for a row without one its delivered text
        coalesce(event_id, raw_row_text) as raw_row_key,
        {{ row_outcome(columns) }},
        event_id,
        account_id,
        user_id,
        session_id,
        event_name,
        occurred_at,
        _loaded_at
    from validated
)

select * from final
