{#-
    The relation a generic data test reads (dbt's get_where_subquery, overridden): the
    test's `where` config as dbt applies it, and on a run without --full-refresh, for a
    model that names a `test_window_column` in its meta (the incremental models), only
    its rows of the last `saas_kpis_activity_lookback_days` days of that column. A nightly run
    then checks the days it re-computed, not all history; a --full-refresh run (the
    weekly `full` build, CI) checks every row.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set window_column = test_window_column(relation) -%}
    {%- if window_column -%}
        {%- do conditions.append(
            window_column ~ ' >= (select '
            ~ dbt.dateadd('day', -1 * (var('saas_kpis_activity_lookback_days', 3) | int), 'max(' ~ window_column ~ ')')
            ~ ' from ' ~ relation ~ ')'
        ) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- The `test_window_column` of the model a data test reads (none on a full refresh, at
    parse time, for a model without one, or for a test of the whole table: meta
    `whole_table`, e.g. the reconciliations of raw and processed row counts). -#}
{% macro test_window_column(relation) -%}
    {%- if execute and not flags.FULL_REFRESH and model.resource_type == 'test'
        and not model.config.meta.get('whole_table') -%}
        {%- for node_id in model.depends_on.nodes -%}
            {%- set node = graph.nodes.get(node_id) -%}
            {%- if node and node.resource_type == 'model' and node.alias == relation.identifier -%}
                {%- do return(node.config.meta.get('test_window_column')) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do return(none) -%}
{%- endmacro %}
