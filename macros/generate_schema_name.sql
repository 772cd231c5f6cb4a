{#-
    Run on its own (the root project): plain schema names (raw, config, staging,
    intermediate, marts, audit) on every target, instead of dbt's default
    `<target schema>_<custom schema>`. Dashboards and loaders address these schemas by
    name, and a developer gets an isolated warehouse from their own DuckDB file or
    database (profiles.yml), not from a schema prefix. A model without a custom schema
    lands in the target's schema.

    Installed as a package (README, "Install it as a package"): the root project's
    naming, so the team's environments keep their isolation: its own
    generate_schema_name when it has one, otherwise dbt's default, e.g. the marts in
    `<target schema>_marts`. (dbt gives a package's own generate_schema_name precedence
    over the root project's for the package's models, hence the hand-over here.)
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if project_name != 'saas_kpis' -%}
        {%- set root_project_macros = context.get(project_name, {}) -%}
        {%- if root_project_macros.generate_schema_name is defined -%}
            {{ root_project_macros.generate_schema_name(custom_schema_name, node) | trim }}
        {%- else -%}
            {{ dbt.default__generate_schema_name(custom_schema_name, node) | trim }}
        {%- endif -%}
    {%- elif custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
