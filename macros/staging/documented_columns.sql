{#-
    The select list of a model whose columns are a contract: the columns its yml
    documents, in that order. A stg_ view and a connector adapter state their columns
    once, in their yml (which documents and tests each one), and select them from a CTE
    that already holds them under those names. A model without documented columns stops
    the build with a message rather than select nothing.
-#}
{% macro documented_columns() -%}
    {%- set names = model.columns.keys() | list -%}
    {%- if execute and not names -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ' selects its documented columns, but its yml documents none'
        ) }}
    {%- endif -%}
    {{ names | join(',\n        ') }}
{%- endmacro %}
