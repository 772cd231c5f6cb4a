{#-
    Every raw product event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). The largest raw table: incremental (a table on Spark, whose
    parquet tables cannot delete+insert; dbt_project.yml), so that a nightly run parses
    only the event_ids with rows loaded since the last run, all their copies, and
    replaces those event_ids' rows (base_model's incremental variant: only the event_ids
    delivered more than once are ranked). Events rejected as orphans are re-checked on
    every run: they turn clean once their account arrives.
-#}
{{
    config(
        incremental_strategy='delete+insert',
        unique_key='raw_row_key',
        on_schema_change='fail',
    )
}}

{%- set parsed -%}
    -- DECISIONS 14: matched to the feature map exactly after trim + lower.
    lower(event_name_text) as event_name,
    {{ parse_timestamp('occurred_at_text') }} as occurred_at
{%- endset -%}

{{ base_model(
    'app', 'product_events',
    columns=[
        'event_id', 'account_id', 'user_id', 'session_id', 'event_name', 'occurred_at', '_loaded_at',
    ],
    required=['event_id', 'account_id', 'user_id', 'event_name', 'occurred_at', '_loaded_at'],
    text_columns=['event_id', 'account_id', 'user_id', 'session_id'],
    parsed=parsed,
    key=['event_id'],
    checks=[
        fault_timestamp('occurred_at'),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
    ],
    final=['event_id', 'account_id', 'user_id', 'session_id', 'event_name', 'occurred_at'],
    incremental={'recheck': "rejection_kind = 'orphan_foreign_key'"},
) }}
