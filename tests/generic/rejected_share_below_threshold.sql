{#-
    raw_sources.md "Bad input": warn when too much of a raw table is rejected.
    Applied to a base model (one row per raw row, with `row_outcome`): fails when
    rejected rows / raw rows > `threshold` (default: the var
    saas_kpis_staging_rejected_share_threshold). Configure it with severity warn: bad rows never
    fail the build.
-#}
{% test rejected_share_below_threshold(model, threshold=none) %}

{#- Counts the whole table, also on an incremental run (get_where_subquery). -#}
{{ config(meta={'whole_table': true}) }}

{%- set limit = threshold if threshold is not none
    else var('saas_kpis_staging_rejected_share_threshold', 0.05) %}

with

shares as (
    select
        count(*) as raw_rows,
        sum(case when row_outcome = 'rejected' then 1 else 0 end) as rejected_rows
    from {{ model }}
)

select
    raw_rows,
    rejected_rows,
    {{ limit }} as threshold
from shares
where rejected_rows > {{ limit }} * raw_rows

{% endtest %}
