{#-
    The raw rows a staging base model reads, counted (one row, `row_count`): those of
    `source_relation` or, given `raw_system`, of the relation raw_relation gives for that
    system's `source_table` (the contract table or a connector adapter). The one home of
    that rule for the tests that compare raw rows with what the model made of them
    (raw_rows_reconcile, raw_rows_processed).
-#}
{% macro raw_rows_counted(source_relation=none, raw_system=none, source_table=none) -%}
    {%- if raw_system is not none -%}
        {%- set source_relation = raw_relation(raw_system, source_table) -%}
    {%- endif -%}
    select count(*) as row_count from {{ source_relation }}
{%- endmacro %}
