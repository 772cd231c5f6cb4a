{#-
    DECISIONS 9: a lenient enum: `expression` when it is one of `values`, otherwise
    `fallback` (a null too); never a rejection.
-#}
{% macro fallback_enum(expression, values, fallback) -%}
    case
        when {{ enum_value_in(expression, values) }} then {{ expression }}
        else '{{ fallback }}'
    end
{%- endmacro %}
