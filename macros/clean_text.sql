{#-
    DECISIONS 2: trim surrounding whitespace; an empty result is null. Expects text
    (the base models cast every raw column to text first). `trim` runs only on text
    that starts or ends with a space: it is the costliest step of reading a large raw
    table (on DuckDB about five times the `like` tests), and most values have none.
-#}
{% macro clean_text(text) -%}
    nullif(
        case
            when {{ text }} like ' %' or {{ text }} like '% ' then trim({{ text }})
            else {{ text }}
        end,
        ''
    )
{%- endmacro %}
