-- Each raw table's newest load next to as_of_date: a raw table loaded days after the
-- last day the marts report on means a feed stopped while others kept loading (the
-- product events stopped, billing did not). Read by the warn-level test
-- assert_as_of_date_keeps_up_with_loads; an intermediate model so that the test has
-- one parent (a test over staging and intermediate would be picked by `-s staging`).
with

newest_loads as (
    {%- for base_model in raw_table_base_models() %}
        select
            source_table,
            max(_loaded_at) as newest_loaded_at
        from {{ ref(base_model) }}
        group by
            source_table
        {%- if not loop.last %}

            union all
        {% endif -%}
    {%- endfor %}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

final as (
    select
        newest_loads.source_table,
        newest_loads.newest_loaded_at,
        as_of.as_of_date,
        {{ dbt.datediff('as_of.as_of_date', 'newest_loads.newest_loaded_at', 'day') }}
            as days_from_as_of_date_to_newest_load
    from newest_loads
    cross join as_of
)

select * from final
