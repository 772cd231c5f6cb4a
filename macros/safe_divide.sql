{#-
    numerator / denominator in double precision; null when the denominator is 0 or
    null (kpis.md: an empty denominator gives a null rate). The cast keeps PostgreSQL
    from doing integer division.
-#}
{% macro safe_divide(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
