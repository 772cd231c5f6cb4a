{#- The character `n` places before the last one of `text` (0: the last). -#}
{% macro char_from_end(text, n) -%}
    substring({{ text }}, length({{ text }}) - {{ n }}, 1)
{%- endmacro %}
