{#-
    An 8-byte floating point type, as the `type_double` var names it per adapter type
    (the mart contracts' yml reads the same var). dbt.type_float() is a 4-byte float on
    DuckDB and Spark, which would make the engines disagree in the 7th digit.
-#}
{% macro type_double() -%}
    {%- set types = var('type_double') -%}
    {%- if target.type not in types -%}
        {{ exceptions.raise_compiler_error(
            "The var type_double has no type for adapter '" ~ target.type ~ "': add one in dbt_project.yml."
        ) }}
    {%- endif -%}
    {{ types[target.type] }}
{%- endmacro %}
