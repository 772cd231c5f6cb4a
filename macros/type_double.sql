{#-
    An 8-byte floating point type, as the `saas_kpis_type_double` var names it per
    adapter type (the mart contracts' yml reads the same var). dbt.type_float() is a
    4-byte float on DuckDB and Spark, which would make the engines disagree in the 7th
    digit. Dispatched, so that an engine can still override it with a macro.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'saas_kpis')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    {%- set types = var('saas_kpis_type_double') -%}
    {%- if target.type not in types -%}
        {{ exceptions.raise_compiler_error(
            "The var saas_kpis_type_double has no type for adapter '" ~ target.type
            ~ "': add one in dbt_project.yml."
        ) }}
    {%- endif -%}
    {{ types[target.type] }}
{%- endmacro %}
