{#-
    `expression` rounded to `places` decimal places. PostgreSQL rounds to a number of
    places only a numeric, so a double is cast first; the others round doubles.
-#}
{% macro round_places(expression, places) -%}
    {{ return(adapter.dispatch('round_places', 'saas_kpis')(expression, places)) }}
{%- endmacro %}

{% macro default__round_places(expression, places) -%}
    round({{ expression }}, {{ places }})
{%- endmacro %}

{% macro postgres__round_places(expression, places) -%}
    round(cast({{ expression }} as numeric), {{ places }})
{%- endmacro %}
