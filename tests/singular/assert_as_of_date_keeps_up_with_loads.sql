{{ config(severity='warn') }}
-- The marts end on as_of_date (by default the latest clean product event). A raw table
-- loaded more than `as_of_date_max_load_lag_days` days after it means a feed stopped
-- while others kept loading (the product events stopped, billing did not): the marts
-- look current but miss those days. Returns each table loaded that far past as_of_date.
{%- set max_lag_days = var('as_of_date_max_load_lag_days', 2) %}

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

lags as (
    select
        newest_loads.source_table,
        newest_loads.newest_loaded_at,
        as_of.as_of_date,
        {{ dbt.datediff('as_of.as_of_date', 'newest_loads.newest_loaded_at', 'day') }}
            as days_behind
    from newest_loads
    cross join as_of
),

final as (
    select
        source_table,
        newest_loaded_at,
        as_of_date,
        days_behind,
        'as_of_date ' || cast(as_of_date as {{ dbt.type_string() }}) || ' is '
        || cast(days_behind as {{ dbt.type_string() }}) || ' days behind the newest load of '
        || source_table || ': has its feed (product events, by default) stopped?'
            as problem
    from lags
    where days_behind > {{ max_lag_days }}
)

select * from final
