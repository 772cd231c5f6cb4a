{{ config(severity='warn') }}
-- The marts end on as_of_date (by default the latest clean product event). A raw table
-- loaded more than `saas_kpis_as_of_date_max_load_lag_days` days after it means a feed stopped
-- while others kept loading (the product events stopped, billing did not): the marts
-- look current but miss those days. Returns each table loaded that far past as_of_date.
select
    source_table,
    newest_loaded_at,
    as_of_date,
    days_from_as_of_date_to_newest_load,
    'as_of_date ' || cast(as_of_date as {{ dbt.type_string() }}) || ' is '
    || cast(days_from_as_of_date_to_newest_load as {{ dbt.type_string() }})
    || ' days behind the newest load of ' || source_table
    || ': has its feed (product events, by default) stopped?' as problem
from {{ ref('int_raw_table_loads_compared') }}
where days_from_as_of_date_to_newest_load > {{ var('saas_kpis_as_of_date_max_load_lag_days', 2) }}
