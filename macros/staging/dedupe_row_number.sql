{#-
    DECISIONS 3, 44, 54, 66: rank the copies of one key, 1 = the winner: the latest
    `_loaded_at` wins; a tie goes to the copy whose delivered row text
    (`raw_row_text`, see row_to_text) is greater byte by byte. Expects the columns
    `_loaded_at` and `raw_row_text` in the calling CTE.
-#}
{% macro dedupe_row_number(partition_by) -%}
    row_number() over (
        partition by {{ partition_by | join(', ') }}
        order by _loaded_at desc, {{ collate_binary('raw_row_text') }} desc
    )
{%- endmacro %}
