{#-
    The late-load policy of an incremental base model (incremental_new_raw_rows_filter):
    every raw row has been processed, i.e. the model holds one row per raw row. A raw
    row stamped with a `_loaded_at` more than `saas_kpis_late_load_days` before the newest load
    already processed is never picked up by an incremental run: this test then fails
    (one row of counts) until a `dbt build --full-refresh`.
-#}
{% test raw_rows_processed(model, source_relation=none, raw_system=none, source_table=none) %}
{#- Counts the whole table, also on an incremental run (get_where_subquery). -#}
{{ config(meta={'whole_table': true}) }}

with

raw_rows as (
    {{ raw_rows_counted(source_relation, raw_system, source_table) }}
),

processed_rows as (
    select count(*) as row_count from {{ model }}
)

select
    raw_rows.row_count as raw_rows,
    processed_rows.row_count as processed_rows,
    'raw rows loaded before the late-load window (late_load_days) were never processed:'
    || ' run dbt build --full-refresh' as action
from raw_rows
cross join processed_rows
where raw_rows.row_count > processed_rows.row_count

{% endtest %}
