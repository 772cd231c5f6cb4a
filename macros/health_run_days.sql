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

{#- The latest score_date in the target, as text (none on a full build or with an empty
    target). -#}
{% macro health_last_score_day_text(incremental) -%}
    {%- set last_day = none -%}
    {%- if execute and incremental -%}
        {%- set result = run_query(
            'select cast(max(score_date) as ' ~ dbt.type_string() ~ ') from ' ~ this
        ) -%}
        {%- set last_day = result.rows[0][0] -%}
    {%- endif -%}
    {{ return(last_day) }}
{%- endmacro %}

{#- The latest score_date in the target, as a SQL date literal (a day before any data on
    a full build or with an empty target): the pre-hook's new_days_after. -#}
{% macro health_last_score_date(incremental) -%}
    cast('{{ health_last_score_day_text(incremental) or "1899-12-31" }}' as date)
{%- endmacro %}

{#- What a health model's select needs to know about its run, looked up once per build
    (the target's latest score_date, the change log's earliest changed day), as a dict
    of SQL date literals that health_changed_days_join and health_score_days_filter take:
    last_score_date (see health_last_score_date), first_changed_date (the earliest
    changed day: first_changed_date), first_score_date (the first score date the run
    re-computes for any account: the earliest changed day or the day after the latest
    score_date, whichever comes first; a model reading windows of its inputs reads
    further back from it, so that the engines prune the day-grain inputs on a literal),
    and incremental. -#}
{% macro health_run_days(incremental) -%}
    {#- (`execute` first: the lint templater has no run, and a macro calling another that
        returns a value renders wrong there) -#}
    {%- set last_day = health_last_score_day_text(incremental) if execute else none -%}
    {%- set changed_day = first_changed_day_text(health_sources()) if execute and incremental else none -%}
    {%- set first_day = '1900-01-01' -%}
    {%- if last_day is not none -%}
        {%- set first_day = (
            modules.datetime.date.fromisoformat(last_day) + modules.datetime.timedelta(days=1)
        ).isoformat() -%}
    {%- endif -%}
    {%- if changed_day is not none and changed_day < first_day -%}
        {%- set first_day = changed_day -%}
    {%- endif -%}
    {{ return({
        'incremental': incremental,
        'last_score_date': "cast('" ~ (last_day or '1899-12-31') ~ "' as date)",
        'first_changed_date': (
            "cast('" ~ (changed_day or '9999-12-31') ~ "' as date)" if incremental
            else first_possible_date()
        ),
        'first_score_date': "cast('" ~ first_day ~ "' as date)",
    }) }}
{%- endmacro %}

{#- Join of a health model's rows, after their `from`: on an incremental run, a left join
    to the changed accounts (changed_account_days_join) from their first changed day
    on; nothing on a full build. `run_days`: health_run_days(is_incremental()). -#}
{% macro health_changed_days_join(day_column, account_column, run_days) -%}
    {{ changed_account_days_join(
        health_sources(), day_column, account_column,
        new_days_after=run_days['last_score_date'],
        incremental=run_days['incremental'],
        earliest_changed_date=run_days['first_changed_date'],
    ) }}
{%- endmacro %}

{#- Predicate on a health model's rows, after health_changed_days_join: the account-days
    the run re-computes (see above); every row on a full build. -#}
{% macro health_score_days_filter(day_column, run_days) -%}
    {{ changed_or_new_days(day_column, run_days['last_score_date'], run_days['incremental']) }}
{%- endmacro %}

{#- The last day a fact of `date_column` counts in a window of `window` days (the day
    the health models join and filter a fact on: it matters to the days up to then). -#}
{% macro health_window_last_day(date_column, window) -%}
    cast({{ dbt.dateadd('day', window - 1, date_column) }} as date)
{%- endmacro %}
