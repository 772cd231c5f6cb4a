{#-
    The days an incremental run of a health model (int_health_account_days_measured,
    customer_health_daily) re-computes: every account's days after the latest
    score_date already in the target (`this`), and the days of each account changed by
    the rows loaded since the model's last build from its first changed day on
    (changed_accounts, macros/incremental_changes.sql). On a full build, or with an
    empty target, every day.

    incremental: the calling model's is_incremental() (passed in, because unit tests
    override is_incremental only inside the model itself).
-#}

{#- The latest score_date in the target, as a SQL date literal (a day before any data on
    a full build or with an empty target). -#}
{% macro health_last_score_date(incremental) -%}
    {%- set last_day = none -%}
    {%- if execute and incremental -%}
        {%- set result = run_query(
            'select cast(max(score_date) as ' ~ dbt.type_string() ~ ') from ' ~ this
        ) -%}
        {%- set last_day = result.rows[0][0] -%}
    {%- endif -%}
    cast('{{ last_day or "1899-12-31" }}' as date)
{%- endmacro %}

{#- The first score date the run re-computes for any account, as a SQL date literal: the
    earliest changed day or the day after the latest score_date, whichever comes first.
    A model reading windows of its inputs reads further back from it, so that the engines
    prune the day-grain inputs on a literal. -#}
{% macro health_first_score_date(incremental) -%}
    {%- set first_day = none -%}
    {%- if execute and incremental -%}
        {%- set changed_day = first_changed_day_text(health_sources()) -%}
        {%- set result = run_query(
            'select cast(' ~ dbt.dateadd('day', 1, health_last_score_date(true)) ~ ' as '
            ~ dbt.type_string() ~ ')'
        ) -%}
        {%- set first_day = result.rows[0][0] -%}
        {%- if changed_day is not none and changed_day < first_day -%}
            {%- set first_day = changed_day -%}
        {%- endif -%}
    {%- endif -%}
    cast('{{ first_day or "1900-01-01" }}' as date)
{%- endmacro %}

{#- Join of a health model's rows, after their `from`: on an incremental run, a left join
    to the changed accounts (changed_account_days_join) from their first changed day
    on; nothing on a full build. -#}
{% macro health_changed_days_join(day_column, account_column, incremental) -%}
    {{ changed_account_days_join(
        health_sources(), day_column, account_column,
        new_days_after=health_last_score_date(incremental), incremental=incremental
    ) }}
{%- endmacro %}

{#- Predicate on a health model's rows, after health_changed_days_join: the account-days
    the run re-computes (see above); every row on a full build. -#}
{% macro health_score_days_filter(day_column, incremental) -%}
    {{ changed_or_new_days(day_column, health_last_score_date(incremental), incremental) }}
{%- endmacro %}

{#- The last day a fact of `date_column` counts in a window of `window` days (the day
    the health models join and filter a fact on: it matters to the days up to then). -#}
{% macro health_window_last_day(date_column, window) -%}
    cast({{ dbt.dateadd('day', window - 1, date_column) }} as date)
{%- endmacro %}
