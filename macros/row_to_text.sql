{#-
    DECISIONS 3, 54, 66: the tie-break text of a raw row: the values as delivered
    (untrimmed), in contract order, joined by `|`, nulls as empty text. Compare it
    with `collate_binary` (greater wins).
-#}
{% macro row_to_text(columns, prefix='') -%}
    {%- for column in columns -%}
        coalesce({{ prefix ~ column }}, ''){{ " || '|' || " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
