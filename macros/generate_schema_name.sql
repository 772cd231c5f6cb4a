{#-
    Plain schema names (raw, config, staging, intermediate, marts, audit) on every
    target, instead of dbt's default `<target schema>_<custom schema>`.

    Why: dashboards and loaders address these schemas by name, and a developer gets an
    isolated warehouse from their own DuckDB file or database (profiles.yml), not from a
    schema prefix. A model without a custom schema lands in the target's schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
