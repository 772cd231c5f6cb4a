{#-
    DECISIONS 46: an integer only from integer text (optional sign, 1 to 9 digits;
    `9.0`, `2.5`, `1e3`, `1,000` are not integers) -> null otherwise. Expects trimmed
    text.
-#}
{% macro parse_integer(text) -%}
    case
        when {{ regexp_like(text, '^[+-]?[0-9]{1,9}$') }}
            then cast({{ text }} as {{ dbt.type_int() }})
    end
{%- endmacro %}
