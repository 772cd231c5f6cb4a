{#-
    The keyword that asks the engine to inline a CTE into every query that reads it.
    DuckDB and PostgreSQL otherwise compute a CTE read twice once and hold all its rows,
    which on the largest raw table is gigabytes; inlined, each reader gets only the
    rows its filter keeps. Spark inlines such CTEs itself and has no such keyword.
-#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'saas_kpis')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
    {{ return('not materialized') }}
{%- endmacro %}

{% macro spark__not_materialized() -%}
    {{ return('') }}
{%- endmacro %}
