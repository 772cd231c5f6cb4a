{#-
    The select list of a model whose columns are a contract: the columns its yml
    documents, in that order. A stg_ view and a connector adapter state their columns
    once, in their yml (which documents and tests each one), and select them from a CTE
    that already holds them under those names. A model without documented columns stops
    the build with a message rather than select nothing.
-#}
{% macro documented_columns() -%}
    {%- set names = documented_column_names() -%}
    {%- if execute and not names -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ' selects its documented columns, but its yml documents none'
        ) }}
    {%- endif -%}
    {{ names | join(',\n        ') }}
{%- endmacro %}

{#-
    The names of the columns the model being compiled documents, in yml order. A dbt
    unit test compiles the model under its own node, which documents no column and
    cannot see the tested model's: the test names them, in
    `overrides: {macros: {documented_column_names: [...]}}`.
-#}
{% macro documented_column_names() -%}
    {%- if model is not defined -%}
        {#- The lint templater has no `model`: one placeholder column to lint around. -#}
        {{ return(['documented_column']) }}
    {%- endif -%}
    {%- if execute and model.resource_type == 'unit_test' -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ': a unit test of a model that selects its documented columns '
            ~ 'names them in overrides.macros.documented_column_names'
        ) }}
    {%- endif -%}
    {{ return(model.columns.keys() | list) }}
{%- endmacro %}
