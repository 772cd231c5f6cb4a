{#-
    A boolean from text: `true/1/yes/t` -> true, `false/0/no/f` -> false, any case;
    anything else (and null) -> null. Expects cleaned text (clean_text). The caller
    rejects a non-null value that gives null (DECISIONS 7, 9).
-#}
{% macro parse_boolean(text) -%}
    case
        when lower({{ text }}) in ('true', '1', 'yes', 't') then true
        when lower({{ text }}) in ('false', '0', 'no', 'f') then false
    end
{%- endmacro %}
