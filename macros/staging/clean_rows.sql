{#-
    A stg_ view: the clean rows of its base model (row_outcome `clean`: parsed,
    validated, the winning copy of its key), with the columns the view's yml documents
    (documented_columns), in that order. Every raw-contract table has one such view;
    what is particular to a table lives in its base model and its yml.
-#}
{% macro clean_rows(base_model) -%}
with

base as (
    select * from {{ ref(base_model) }}
),

final as (
    select
        {{ documented_columns() }}
    from base
    where row_outcome = 'clean'
)

select * from final
{%- endmacro %}
