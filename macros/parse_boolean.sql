{#-
    A boolean from text: `true/1/yes/t` -> true, `false/0/no/f` -> false, any case and
    surrounding whitespace; anything else (and null) -> null. The caller rejects a
    non-null value that gives null (DECISIONS 7, 9).
-#}
{% macro parse_boolean(text) -%}
    case
        when lower(trim({{ text }})) in ('true', '1', 'yes', 't') then true
        when lower(trim({{ text }})) in ('false', '0', 'no', 'f') then false
    end
{%- endmacro %}
