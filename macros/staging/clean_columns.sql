{#-
    The select list of a base model's `cleaned` CTE: every delivered column
    `<prefix><column>` trimmed, empty -> null (DECISIONS 2), as `<column>_text`; plus
    `raw_row_text` (the dedupe tie-break text, DECISIONS 54/66) from the values as
    delivered, which are kept as they are for the audit's `raw_record` (row_outcome
    writes it for rejected rows only: JSON for every row of a large table is costly).
-#}
{% macro clean_columns(columns, prefix='raw_') -%}
    {%- set items = [] -%}
    {%- for column in columns -%}
        {%- do items.append(clean_text(prefix ~ column) ~ ' as ' ~ column ~ '_text') -%}
    {%- endfor -%}
    {%- do items.append(row_to_text(columns, prefix) ~ ' as raw_row_text') -%}
    {%- for column in columns -%}
        {%- do items.append(prefix ~ column) -%}
    {%- endfor -%}
    {{ items | join(',\n        ') }}
{%- endmacro %}
