{#-
    DECISIONS 66: compare text byte by byte (binary, as the `C` locale). DuckDB and
    Spark compare strings in binary order by default; PostgreSQL uses the database
    collation unless told otherwise.
-#}
{% macro collate_binary(text) -%}
    {{ return(adapter.dispatch('collate_binary', 'saas_kpis')(text)) }}
{%- endmacro %}

{% macro default__collate_binary(text) -%}
    {{ text }}
{%- endmacro %}

{% macro postgres__collate_binary(text) -%}
    ({{ text }} collate "C")
{%- endmacro %}
