{#- The grain test: no two rows share the same values in `combination_of_columns`. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with grain_counts as (
    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as rows_at_grain
    from {{ model }}
    group by
        {{ combination_of_columns | join(',\n        ') }}
)

select *
from grain_counts
where rows_at_grain > 1

{% endtest %}
