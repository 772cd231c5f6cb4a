{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'run_state': true},
    )
}}

-- The load watermarks of the change log and the sessions, one row per model, raw system
-- and build, and the builds of the models that read the change log (source_table
-- 'account_changes'): written only by those models' post-hooks (record_load_watermarks,
-- record_build; macros/incremental_changes.sql) after each successful build, and read by
-- their next run to find the rows loaded, or the changes logged, since. This select only
-- creates the empty table; --full-refresh empties it, and the models then rebuild
-- everything.
select
    cast(null as {{ dbt.type_string() }}) as model_name,
    cast(null as {{ dbt.type_string() }}) as source_table,
    cast(null as {{ dbt.type_timestamp() }}) as loaded_through,
    cast(null as {{ dbt.type_timestamp() }}) as cutoff,
    cast(null as {{ dbt.type_bigint() }}) as rows_through_cutoff,
    cast(null as boolean) as is_full_build,
    cast(null as {{ dbt.type_timestamp() }}) as recorded_at
from (select 1 as one) as no_rows
where 1 = 0
