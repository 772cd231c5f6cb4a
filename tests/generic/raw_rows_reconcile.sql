{#-
    raw_sources.md "Bad input": every raw row ends in exactly one place. Applied to a
    base model: fails (one row of counts) unless
        raw rows = clean rows (stg model) + rejected rows (audit) + dropped duplicates.
    The raw rows are `source_relation`'s or, given `raw_system`, those of the relation
    the base model reads for that system's `source_table` (raw_relation: the contract
    table or a connector adapter).
-#}
{% test raw_rows_reconcile(model, clean_model, source_table, source_relation=none, raw_system=none) %}
{#- Counts the whole table, also on an incremental run (get_where_subquery). -#}
{{ config(meta={'whole_table': true}) }}

with

raw_rows as (
    {{ raw_rows_counted(source_relation, raw_system, source_table) }}
),

clean_rows as (
    select count(*) as row_count from {{ clean_model }}
),

rejected_rows as (
    select count(*) as row_count
    from {{ ref('rejected_rows') }}
    where source_table = '{{ source_table }}'
),

duplicate_rows as (
    select count(*) as row_count
    from {{ model }}
    where row_outcome = 'duplicate'
),

counts as (
    select
        raw_rows.row_count as raw_rows,
        clean_rows.row_count as clean_rows,
        rejected_rows.row_count as rejected_rows,
        duplicate_rows.row_count as duplicate_rows
    from raw_rows
    cross join clean_rows
    cross join rejected_rows
    cross join duplicate_rows
)

select *
from counts
where raw_rows <> clean_rows + rejected_rows + duplicate_rows

{% endtest %}
