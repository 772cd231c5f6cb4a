{#-
    DECISIONS 2: trim surrounding whitespace; an empty result is null. Expects text
    (the base models cast every raw column to text first).
-#}
{% macro clean_text(text) -%}
    nullif(trim({{ text }}), '')
{%- endmacro %}
