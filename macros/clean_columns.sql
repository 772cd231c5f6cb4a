{#-
    The select list of a base model's `cleaned` CTE: every delivered column
    `<prefix><column>` trimmed, empty -> null (DECISIONS 2), as `<column>_text`; plus
    `raw_row_text` (the dedupe tie-break text, DECISIONS 54/66) and `raw_record` (the
    row as JSON for the audit), both from the values as delivered.
-#}
{% macro clean_columns(columns, prefix='raw_') -%}
    {%- set items = [] -%}
    {%- for column in columns -%}
        {%- do items.append(clean_text(prefix ~ column) ~ ' as ' ~ column ~ '_text') -%}
    {%- endfor -%}
    {%- do items.append(row_to_text(columns, prefix) ~ ' as raw_row_text') -%}
    {%- do items.append(row_to_json(columns, prefix) ~ ' as raw_record') -%}
    {{ items | join(',\n        ') }}
{%- endmacro %}
