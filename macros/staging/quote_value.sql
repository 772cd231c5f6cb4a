{#-
    The offending value inside a rejection reason: `'value'`, or `null`. Uses chr(39)
    because the escaping of a quote inside a SQL string literal differs per engine.
-#}
{% macro quote_value(text) -%}
    coalesce(chr(39) || {{ text }} || chr(39), 'null')
{%- endmacro %}
