{#-
    An 8-byte floating point type. dbt.type_float() is a 4-byte float on DuckDB and
    Spark, which would make the engines disagree in the 7th digit.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'saas_kpis')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
