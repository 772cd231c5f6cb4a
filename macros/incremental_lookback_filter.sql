{#-
    Predicate of an incremental daily rollup: on an incremental run, keep only the
    rows from the first day to re-process on, i.e. the latest day already in the
    target (`this`) minus the `saas_kpis_activity_lookback_days` var, so that events arriving
    late for one of those days are counted. On a full build (or an empty target)
    every row passes. Whole days are kept, so the incremental strategy
    (incremental_strategy_by_day) can replace those days in the target.

    column:       the input column to filter on
    column_type:  'date' or 'timestamp' (a timestamp column is compared with the
                  midnight that starts the first day, which keeps an index usable)
    day_column:   the target's day column
-#}
{% macro incremental_lookback_filter(column, column_type='date', day_column='activity_date') -%}
    {%- if is_incremental() -%}
        {%- set first_day -%}
            (
                select
                    {{ dbt.dateadd(
                        'day',
                        -1 * (var('saas_kpis_activity_lookback_days', 3) | int),
                        'max(' ~ day_column ~ ')'
                    ) }}
                from {{ this }}
            )
        {%- endset -%}
        {%- set sql_type = dbt.type_timestamp() if column_type == 'timestamp' else 'date' -%}
        ({{ column }} >= cast({{ first_day }} as {{ sql_type }}) or {{ first_day }} is null)
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}
