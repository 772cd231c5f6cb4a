{#-
    The text value of the top-level `key` of a JSON object held as text in `column`
    (null when absent), e.g. a Stripe customer's `metadata`. `key` is a plain name
    (letters, digits, `_`).
-#}
{% macro json_text_value(column, key) -%}
    {{ return(adapter.dispatch('json_text_value', 'saas_kpis')(column, key)) }}
{%- endmacro %}

{% macro default__json_text_value(column, key) -%}
    json_extract_string({{ column }}, '$.{{ key }}')
{%- endmacro %}

{% macro postgres__json_text_value(column, key) -%}
    (cast({{ column }} as json) ->> '{{ key }}')
{%- endmacro %}

{% macro spark__json_text_value(column, key) -%}
    get_json_object({{ column }}, '$.{{ key }}')
{%- endmacro %}
