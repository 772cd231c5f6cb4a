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

{#- A raw column (any loader type) read as the base models read it: as text, cleaned.
    For the predicates that look at raw rows before their base model's CTEs do. -#}
{% macro raw_text(column) -%}
    {{ clean_text('cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')') }}
{%- endmacro %}
