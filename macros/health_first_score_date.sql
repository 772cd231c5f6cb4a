{#-
    The first score date an incremental run of a health model re-computes, as a SQL
    date literal: the latest score_date already in the target (`this`) minus the
    `saas_kpis_activity_lookback_days` var -- the lookback of the daily activity rollups
    (incremental_lookback_filter), so that the late events they pick up reach the
    health score too. A model reading windows of its inputs reads further back from
    it. On a full build, or with an empty target, every day is computed (a date
    before any data). Resolved at run time with one query on the target, so
    that the engines can prune the day-grain inputs on a literal.

    incremental: the calling model's is_incremental() (passed in, because unit tests
    override is_incremental only inside the model itself).
-#}
{% macro health_first_score_date(incremental) -%}
    {%- set first_day = none -%}
    {%- if execute and incremental -%}
        {%- set lookback_days = var('saas_kpis_activity_lookback_days', 3) | int -%}
        {%- set query -%}
            select cast({{ dbt.dateadd('day', -1 * lookback_days, 'max(score_date)') }} as date)
            from {{ this }}
        {%- endset -%}
        {%- set result = run_query(query) -%}
        {%- if result is not none and result.rows | length > 0 -%}
            {%- set first_day = result.rows[0][0] -%}
        {%- endif -%}
    {%- endif -%}
    {%- if first_day is none -%}
        cast('1900-01-01' as date)
    {%- else -%}
        cast('{{ first_day }}' as date)
    {%- endif -%}
{%- endmacro %}
