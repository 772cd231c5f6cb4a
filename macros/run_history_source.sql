{#-
    One table of the run history as a select of `columns` (name -> string, timestamp,
    bigint or double). `make nightly` (saas_kpis/nightly.py) writes these tables, dbt
    never does; until the first nightly run has created them (`make build`, CI, another
    engine) this is an empty select of the same columns, so the models over them build.
-#}
{% macro run_history_source(table, columns) -%}
    {%- set history = source('run_history', table) -%}
    {%- set relation = adapter.get_relation(
        database=history.database, schema=history.schema, identifier=history.identifier
    ) -%}
    {%- set types = {
        'string': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'bigint': dbt.type_bigint(),
        'double': type_double(),
    } -%}
    {%- if relation is none -%}
        select
            {%- for name, type in columns.items() %}
                cast(null as {{ types[type] }}) as {{ name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from (select 1 as no_history) as no_history
        where 1 = 0
    {%- else -%}
        select {{ columns.keys() | join(', ') }}
        from {{ relation }}
    {%- endif -%}
{%- endmacro %}
