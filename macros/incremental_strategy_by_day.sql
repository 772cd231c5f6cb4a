{#-
    The incremental strategy of the daily activity rollups (models keyed on one day
    column), chosen here once per engine: each incremental run rebuilds whole days.
    - delete+insert (DuckDB, PostgreSQL and the default): delete the target's rows of
      every day present in the new batch, then insert the batch (unique_key = the day).
    - insert_overwrite (Spark): overwrite the partitions (days) present in the batch;
      the model must be partitioned by the day column.
-#}
{% macro incremental_strategy_by_day() -%}
    {{ return(adapter.dispatch('incremental_strategy_by_day', 'saas_kpis')()) }}
{%- endmacro %}

{% macro default__incremental_strategy_by_day() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__incremental_strategy_by_day() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}
