{#-
    DECISIONS 58: a strict enum value is only trimmed and lower-cased (`Past Due` is
    not `past_due`). Expects cleaned text (clean_text: trimmed, empty -> null). Whether
    the value is allowed is checked by the caller against its list (see `enum_value_in`).
-#}
{% macro normalize_enum(text) -%}
    lower({{ text }})
{%- endmacro %}
