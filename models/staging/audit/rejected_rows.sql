{#-
    Every raw row that staging rejected, from every raw table, with the reason: the
    place an analyst looks for data that did not make it into the marts. Each base
    model already carries the audit columns; this only unions their rejected rows.
-#}
with

unioned as (
    {%- for base_model in raw_table_base_models() %}
        select
            source_table,
            record_key,
            rejection_kind,
            rejection_reason,
            raw_record,
            _loaded_at
        from {{ ref(base_model) }}
        where row_outcome = 'rejected'
        {%- if not loop.last %}

            union all
        {% endif -%}
    {%- endfor %}
)

select * from unioned
