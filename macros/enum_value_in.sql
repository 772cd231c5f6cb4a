{#-
    `expression in ('a', 'b', ...)` for a list of allowed enum values, so that each
    list is written once (in the base model's `set`) and rendered as SQL literals.
-#}
{% macro enum_value_in(expression, values) -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append("'" ~ value ~ "'") -%}
    {%- endfor -%}
    {{ expression }} in ({{ literals | join(', ') }})
{%- endmacro %}
