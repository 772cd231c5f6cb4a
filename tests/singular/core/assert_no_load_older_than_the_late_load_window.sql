{{ config(severity='error') }}
-- The late-load policy of the models incremental by account and day
-- (macros/incremental_changes.sql): a run reads each raw system's rows loaded after its
-- last build's cutoff (the newest `_loaded_at` then, minus late_load_days). A row
-- stamped at or before a cutoff but delivered after that build is never picked up:
-- re-count, for the cutoffs the last two builds of each model read and recorded, the
-- base rows at or before them. A different count than recorded fails, with what to do.
{%- do declare_change_sources(health_sources()) %}
{%- set watermarks = ref('int_incremental_watermarks') %}
{%- set checks = [] %}
{%- set recorded = adapter.get_relation(
    watermarks.database, watermarks.schema, watermarks.identifier
) if execute else none %}
{%- if recorded %}
    {%- set query -%}
        with ranked as (
            select
                model_name,
                source_table,
                cast(cutoff as {{ dbt.type_string() }}) as cutoff,
                rows_through_cutoff,
                row_number() over (
                    partition by model_name, source_table order by recorded_at desc
                ) as build_rank,
                first_value(is_full_build) over (
                    partition by model_name, source_table order by recorded_at desc
                ) as latest_is_full_build
            from {{ watermarks }}
            where cutoff is not null
        )
        -- the cutoff the latest build recorded, and the one it read (unless it rebuilt
        -- everything)
        select distinct source_table, cutoff, rows_through_cutoff
        from ranked
        where build_rank = 1 or (build_rank = 2 and not latest_is_full_build)
        order by source_table, cutoff
    {%- endset %}
    {%- set checks = run_query(query).rows %}
{%- endif %}
{%- if checks | length > 0 %}
    {%- for source_table, cutoff, rows_through_cutoff in checks %}
        select
            '{{ source_table }}' as source_table,
            '{{ cutoff }}' as cutoff,
            {{ rows_through_cutoff }} as recorded_rows,
            count(*) as rows_now,
            'rows of {{ source_table }} loaded with a _loaded_at older than the late-load'
            || ' window (late_load_days) were never processed: run dbt build --full-refresh'
            as action
        from {{ load_change_source(source_table)['relation'] }}
        where _loaded_at <= cast('{{ cutoff }}' as {{ dbt.type_timestamp() }})
        having count(*) <> {{ rows_through_cutoff }}
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- endfor %}
{%- else %}
    select
        'none' as source_table,
        'none' as cutoff,
        0 as recorded_rows,
        0 as rows_now,
        'no load watermark recorded yet' as action
    from (select 1 as one) as no_rows
    where 1 = 0
{%- endif %}
