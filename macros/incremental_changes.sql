{#-
    Incremental runs by account and day: what the rows loaded since a model's last run
    touch, so that the model recomputes exactly those account-days, however old
    (README, "Schedule it"; issue 20).

    The changes are found once per run, by the change log (int_account_changes_logged):
    after every successful build it records the newest `_loaded_at` it has seen in each
    raw system's base table (record_load_watermarks, a post-hook; the
    int_incremental_watermarks table), and its next run reads the base rows loaded after
    that watermark minus the `saas_kpis_late_load_days` var (the late-load window: a
    loader may stamp a row up to that many days before the newest load and it is still
    picked up) and appends, per system and account, the first day they change
    (loaded_changes). A row stamped earlier than the window is never picked up: the
    assert_no_load_older_than_the_late_load_window test fails and says to run
    --full-refresh.

    Each model incremental by account and day records its own builds (record_build, a
    post-hook) and reads the log's entries appended since its last build
    (changed_accounts: a small table, not the base tables), so a model that missed a
    run still catches up. It deletes each changed account's rows from its first changed
    day on (delete_changed_account_days, a pre-hook, inside the build's transaction) and
    inserts them again, recomputed (the `append` strategy). A build of the log itself
    that recomputes everything (its first build, --full-refresh, a lost watermark)
    appends every account from its first day, so its consumers then recompute
    everything; a consumer without a recorded build (its record lost) reads the whole
    log, which holds everything since the log's last full build.

    On Spark (parquet tables cannot delete rows) these models are tables, rebuilt whole
    on every run (account_day_materialization), and the hooks render nothing.
-#}

{#- A raw system whose loads can change an account's history, and how: the base model
    (every delivered row, duplicates included), its key (the copies that compete), and
    the first day a row of the key changes (none: the whole account; several columns:
    the first one set). Only the systems a model names are ref'd, so that it depends on
    those alone. A survey response without an answer changes no history (the health
    score reads answers): its day is its sent day, not the whole account (a copy it
    displaces is found with its own answer day). -#}
{% macro load_change_source(name) -%}
    {%- set sources = {
        'product_events': ['base_app__product_events', 'raw_row_key', 'occurred_at'],
        'accounts': ['base_app__accounts', 'record_key', none],
        'onboarding_events': ['base_app__onboarding_events', 'record_key', 'occurred_at'],
        'subscriptions': ['base_billing__subscriptions', 'record_key', 'valid_from'],
        'tickets': ['base_support__tickets', 'record_key', 'created_at'],
        'ticket_events': ['base_support__ticket_events', 'record_key', 'occurred_at'],
        'survey_responses': [
            'base_surveys__survey_responses', 'record_key', ['responded_at', 'sent_at'],
        ],
    } -%}
    {%- set model_name, key, date_columns = sources[name] -%}
    {%- set changed_date = none -%}
    {%- if date_columns is string -%}
        {%- set changed_date = 'cast(delivered.' ~ date_columns ~ ' as date)' -%}
    {%- elif date_columns -%}
        {%- set changed_date = 'cast(coalesce(delivered.' ~ date_columns | join(', delivered.') ~ ') as date)' -%}
    {%- endif -%}
    {{ return({'relation': ref(model_name), 'key': key, 'changed_date': changed_date}) }}
{%- endmacro %}

{#- The systems an activity rollup reads: product events, and accounts (a test flag or
    a late account changes which events count). -#}
{% macro product_activity_sources() -%}
    {{ return(['product_events', 'accounts']) }}
{%- endmacro %}

{#- Every system the health score reads. -#}
{% macro health_sources() -%}
    {{ return([
        'product_events', 'accounts', 'onboarding_events', 'subscriptions', 'tickets',
        'ticket_events', 'survey_responses',
    ]) }}
{%- endmacro %}

{#- The first day an unknown change can reach: everything. -#}
{% macro first_possible_date() -%}
    cast('1900-01-01' as date)
{%- endmacro %}

{#- This model's watermarks, {system: 'cutoff' text}: the newest `_loaded_at` of each
    system at the model's last build, minus `saas_kpis_late_load_days`. A system without one (the
    watermark table lost, a new system) is missing: all its rows count as new. -#}
{% macro load_cutoffs(sources) -%}
    {%- set cutoffs = {} -%}
    {%- if execute -%}
        {%- set watermarks = ref('int_incremental_watermarks') -%}
        {%- if adapter.get_relation(watermarks.database, watermarks.schema, watermarks.identifier) -%}
            {%- set query -%}
                select source_table, cast(cutoff as {{ dbt.type_string() }})
                from {{ watermarks }}
                where
                    model_name = '{{ this.identifier }}'
                    and recorded_at = (
                        select max(recorded_at) from {{ watermarks }}
                        where model_name = '{{ this.identifier }}'
                    )
            {%- endset -%}
            {%- for row in run_query(query).rows if row[0] in sources and row[1] is not none -%}
                {%- do cutoffs.update({row[0]: row[1]}) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(cutoffs) }}
{%- endmacro %}

{#- SQL: the change log's rows for the loads since its last build (all rows when
    `incremental` is false): one row per system of `sources`, account and first changed
    day (source_table, account_id, first_changed_date). A key with a newly loaded copy
    changes from the day of every copy (the new winner's and the one it replaced, e.g.
    an event that moved to another day or account); a new account row changes the
    whole account (its test flag, signup date, late arrival). -#}
{% macro loaded_changes(sources, incremental) -%}
    {%- do declare_load_sources(sources) -%}
    {%- if not execute -%}
    {#- Parsing (and linting): the shape only. -#}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as account_id,
        {{ first_possible_date() }} as first_changed_date
    {%- else -%}
    {%- set cutoffs = load_cutoffs(sources) if incremental else {} -%}
    select
        source_table,
        account_id,
        min(coalesce(changed_date, {{ first_possible_date() }})) as first_changed_date
    from (
        {%- for name in sources %}
            {%- set source = load_change_source(name) %}
            {%- set cutoff = cutoffs.get(name) %}
            {%- set account_id -%}
                {%- if name == 'ticket_events' -%} tickets.account_id {%- else -%} delivered.account_id {%- endif -%}
            {%- endset %}
            select
                '{{ name }}' as source_table,
                {{ account_id }} as account_id,
                {{ source['changed_date'] or 'cast(null as date)' }} as changed_date
            from {{ source['relation'] }} as delivered
            {%- if name == 'ticket_events' %}
            -- an event's account is its ticket's
            inner join {{ load_change_source('tickets')['relation'] }} as tickets
                on delivered.ticket_id = tickets.ticket_id
            {%- endif %}
            where {{ delivered_since('delivered', source['relation'], source['key'], cutoff) }}
            {%- if name == 'tickets' %}
            union all
            -- a late ticket also brings its events into the support measures
            select
                'tickets' as source_table,
                tickets.account_id,
                cast(events.occurred_at as date) as changed_date
            from {{ load_change_source('ticket_events')['relation'] }} as events
            inner join {{ source['relation'] }} as tickets
                on events.ticket_id = tickets.ticket_id
            where {{ loaded_after('tickets', cutoff) }}
            {%- endif %}
            {%- if not loop.last %}
            union all
            {%- endif %}
        {%- endfor %}
    ) as changed_rows
    where account_id is not null
    group by
        source_table,
        account_id
    {%- endif -%}
{%- endmacro %}

{#- The calling model's last recorded build (record_build), as text; none without one. -#}
{% macro last_build_text() -%}
    {%- set last_build = none -%}
    {%- if execute -%}
        {%- set watermarks = ref('int_incremental_watermarks') -%}
        {%- if adapter.get_relation(watermarks.database, watermarks.schema, watermarks.identifier) -%}
            {%- set result = run_query(
                'select cast(max(recorded_at) as ' ~ dbt.type_string() ~ ') from ' ~ watermarks
                ~ " where model_name = '" ~ this.identifier ~ "'"
            ) -%}
            {%- set last_build = result.rows[0][0] -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(last_build) }}
{%- endmacro %}

{#- SQL: one row per account with a change since the calling model's last build
    (changed_account_id, first_changed_date; names no input has, so that joining it
    adds them without a clash) from the given systems: the change log's entries
    appended since then (all of them without a recorded build). -#}
{% macro changed_accounts(sources) -%}
    {%- set last_build = last_build_text() if execute else none -%}
    select
        account_id as changed_account_id,
        min(first_changed_date) as first_changed_date
    from {{ ref('int_account_changes_logged') }}
    where
        source_table in ('{{ sources | join("', '") }}')
        {%- if last_build %}
        and recorded_at > cast('{{ last_build }}' as {{ dbt.type_timestamp() }})
        {%- endif %}
    group by account_id
{%- endmacro %}

{#- A row of a base model that the loads since `cutoff` touch: loaded after it, or an
    older copy (now a duplicate) of a key delivered again after it. -#}
{% macro delivered_since(alias, relation, key, cutoff) -%}
    {%- if cutoff is none -%}
    1 = 1
    {%- else -%}
    ({{ loaded_after(alias, cutoff) }}
    or (
        {{ alias }}.row_outcome = 'duplicate'
        and {{ alias }}.{{ key }} in (
            select newly_loaded.{{ key }}
            from {{ relation }} as newly_loaded
            where {{ loaded_after('newly_loaded', cutoff) }}
        )
    ))
    {%- endif -%}
{%- endmacro %}

{#- A row loaded after `cutoff` (text; none: every row). -#}
{% macro loaded_after(alias, cutoff) -%}
    {%- if cutoff is none -%}
        1 = 1
    {%- else -%}
        {{ alias }}._loaded_at > cast('{{ cutoff }}' as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- The earliest first changed day over every account, as text (none: nothing changed). -#}
{% macro first_changed_day_text(sources) -%}
    {%- set first_day = none -%}
    {%- if execute -%}
        {%- set result = run_query(
            'select cast(min(first_changed_date) as ' ~ dbt.type_string() ~ ') from ('
            ~ changed_accounts(sources) ~ ') as changes'
        ) -%}
        {%- set first_day = result.rows[0][0] -%}
    {%- endif -%}
    {{ return(first_day) }}
{%- endmacro %}

{#- The same as a date literal, so that a model can prune its large inputs on a
    literal: first_possible_date() on a full build, a day after any data when nothing
    changed. -#}
{% macro first_changed_date(sources, incremental) -%}
    {%- set first_day = first_changed_day_text(sources) if incremental and execute else none -%}
    {%- if not incremental -%}
        {{ first_possible_date() }}
    {%- else -%}
        cast('{{ first_day or "9999-12-31" }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: on an incremental run, delete the changed accounts' rows from their first
    changed day on (`day_column`; with period='month', from that day's month on, for a
    model by account and month), and with `new_days_after` (a SQL date) every row after
    that day, so that the batch, which recomputes exactly those account-days (or
    months), replaces them whole (rows that no longer exist are gone too). -#}
{% macro delete_changed_account_days(sources, day_column, new_days_after=none, period='day') -%}
    {%- if is_incremental() and config.get('materialized') == 'incremental' %}
        {#- a join (delete ... using), not a correlated exists: DuckDB decorrelates an
            exists on account and day over every distinct account-day of the table -#}
        delete from {{ this }}
        using ({{ changed_accounts(sources) }}) as changes
        where
            changes.changed_account_id = {{ this }}.account_id
            and {{ this }}.{{ day_column }}
            >= {{ period_start(period, 'changes.first_changed_date') }}
        {%- if new_days_after is not none %};
        delete from {{ this }}
        where {{ day_column }} > {{ new_days_after }}
        {%- endif %}
    {%- endif %}
{%- endmacro %}

{#- Post-hook: record this build's watermark per system (the newest `_loaded_at` of its
    base table, ignoring stamps in the future), the cutoff the next run reads from, and
    how many rows that cutoff leaves behind (which the late-load test re-counts). -#}
{% macro record_load_watermarks(sources) -%}
    {%- if config.get('materialized') == 'incremental' %}
        {{ insert_into_watermarks() }}
        {%- for name in sources %}
            {%- set relation = load_change_source(name)['relation'] %}
        select
            '{{ this.identifier }}' as model_name,
            '{{ name }}' as source_table,
            loaded_through,
            cutoff,
            (
                select count(*) from {{ relation }}
                where _loaded_at <= watermark.cutoff
            ) as rows_through_cutoff,
            {{ 'false' if is_incremental() else 'true' }} as is_full_build,
            {{ run_recorded_at() }} as recorded_at
        from (
            select
                max(_loaded_at) as loaded_through,
                {{ dbt.dateadd('day', -1 * (var('saas_kpis_late_load_days', 3) | int), 'max(_loaded_at)') }}
                    as cutoff
            from {{ relation }}
            where _loaded_at <= {{ dbt.current_timestamp() }}
        ) as watermark
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    {%- endif %}
{%- endmacro %}

{#- Post-hook of a model that reads the change log: record this build (one row,
    source_table 'account_changes', no cutoff), so that its next run reads the log's
    entries appended after it. -#}
{% macro record_build() -%}
    {%- if config.get('materialized') == 'incremental' %}
        {{ insert_into_watermarks() }}
        select
            '{{ this.identifier }}' as model_name,
            'account_changes' as source_table,
            cast(null as {{ dbt.type_timestamp() }}) as loaded_through,
            cast(null as {{ dbt.type_timestamp() }}) as cutoff,
            cast(null as {{ dbt.type_bigint() }}) as rows_through_cutoff,
            {{ 'false' if is_incremental() else 'true' }} as is_full_build,
            {{ run_recorded_at() }} as recorded_at
    {%- endif %}
{%- endmacro %}

{#- The insert of a hook into int_incremental_watermarks, with its columns. -#}
{% macro insert_into_watermarks() -%}
    insert into {{ ref('int_incremental_watermarks') }} (
        model_name, source_table, loaded_through, cutoff, rows_through_cutoff,
        is_full_build, recorded_at
    )
{%- endmacro %}

{#- The instant a run records its rows under: the run's start, the same in every model
    (the lint templater has no run). -#}
{% macro run_recorded_at() -%}
    {%- set started = run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") if run_started_at is defined else '1900-01-01 00:00:00' -%}
    cast('{{ started }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Pre-hook of the change log: drop the entries every reader has read (recorded at or
    before the oldest of the readers' last builds). Without a recorded reader nothing
    goes; a reader that is never built again keeps everything from its last build
    (the log then only grows: correct, slower). -#}
{% macro trim_read_changes() -%}
    {%- if is_incremental() and config.get('materialized') == 'incremental' %}
        delete from {{ this }}
        where recorded_at <= (
            select min(last_build) from (
                select max(recorded_at) as last_build
                from {{ ref('int_incremental_watermarks') }}
                where source_table = 'account_changes'
                group by model_name
            ) as readers
        )
    {%- endif %}
{%- endmacro %}

{#- The materialization of a model incremental by account and day: incremental, but a
    table on Spark (see the top of this file). -#}
{% macro account_day_materialization() -%}
    {{ return(adapter.dispatch('account_day_materialization', 'saas_kpis')()) }}
{%- endmacro %}

{% macro default__account_day_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__account_day_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- Join of a model incremental by account and day, after its input's `from`: on an
    incremental run, keep the input rows of the changed accounts from their first
    changed day on (`column` a date, or a timestamp compared with that day's midnight;
    with period='month', from the first day of that day's month), pruned first on the
    earliest changed day, a literal. A join, not a correlated exists: DuckDB decorrelates
    an exists on account and day over every distinct account-day of the input (9 s
    instead of 1 s for the user days of 10,000 accounts). On a full build, nothing. The
    join adds the columns changed_account_id and first_changed_date.

    With `new_days_after` (a SQL date; the health models), a left join instead, and the
    caller's `where` keeps its rows with changed_or_new_days(): the changed account-days
    and every account's days after that day. `incremental`: the model's is_incremental()
    where a unit test overrides it (default: is_incremental()). `earliest_changed_date`:
    first_changed_date(sources, true) where the model has looked it up already (one
    query per build, not per join; default: looked up here). -#}
{% macro changed_account_days_join(
    sources, column, account_column='account_id', period='day', new_days_after=none,
    incremental=none, earliest_changed_date=none
) -%}
    {%- do declare_change_sources(sources) -%}
    {%- if (is_incremental() if incremental is none else incremental) %}
    {{ 'inner' if new_days_after is none else 'left' }} join ({{ changed_accounts(sources) }}) as changes
        on
            changes.changed_account_id = {{ account_column }}
            and {{ column }} >= {{ period_start(
                period, earliest_changed_date or first_changed_date(sources, true)
            ) }}
            and {{ column }} >= {{ period_start(period, 'changes.first_changed_date') }}
    {%- endif %}
{%- endmacro %}

{#- Predicate after changed_account_days_join(..., new_days_after=...): the rows it
    joined to a change, and every row after `new_days_after`; every row on a full
    build. -#}
{% macro changed_or_new_days(column, new_days_after, incremental=none) -%}
    {%- if (is_incremental() if incremental is none else incremental) -%}
        ({{ column }} > {{ new_days_after }} or changes.changed_account_id is not null)
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{#- Declares the dependencies of a model incremental by account and day on every parse
    (the queries of these macros run only on an incremental run, after parsing). -#}
{% macro declare_change_sources(sources) -%}
    {%- do declare_load_sources(sources) -%}
    {%- if model is defined and model.resource_type != 'unit_test' -%}
        {%- do ref('int_account_changes_logged') -%}
    {%- endif -%}
{%- endmacro %}

{#- The same for a model that reads the base tables of `sources` since its watermarks
    (the change log). -#}
{% macro declare_load_sources(sources) -%}
    {#- A unit test renders the model with only its fixtures as refs (and runs it as a
        full build); the lint templater has no `model` and needs no refs. -#}
    {%- if model is defined and model.resource_type != 'unit_test' -%}
        {%- for name in sources -%}
            {%- do load_change_source(name) -%}
        {%- endfor -%}
        {%- do ref('int_incremental_watermarks') -%}
    {%- endif -%}
{%- endmacro %}

{#- The first day of the `period` ('day' or 'month') holding `date` (a SQL date). -#}
{% macro period_start(period, date) -%}
    {%- if period == 'day' -%}
        {{ date }}
    {%- else -%}
        cast({{ dbt.date_trunc(period, date) }} as date)
    {%- endif -%}
{%- endmacro %}

{#- The config of a model incremental by account and day (or month), in place of its
    config() call: `{{ account_day_config('product_activity_sources', 'activity_date') }}`.
    `sources`: the name of the macro listing the systems it reads
    (product_activity_sources, health_sources); `new_days_after`: SQL for
    delete_changed_account_days' argument of that name. Its select reads its input
    through changed_account_days_join (or changed_product_events, or the health
    macros) with the same `period`, so that a run recomputes exactly the rows the
    pre-hook deletes. -#}
{% macro account_day_config(sources, day_column, period='day', new_days_after=none) -%}
    {%- set delete_arguments = [sources ~ '()', "'" ~ day_column ~ "'", "period='" ~ period ~ "'"] -%}
    {%- if new_days_after is not none -%}
        {%- do delete_arguments.append('new_days_after=' ~ new_days_after) -%}
    {%- endif -%}
    {#- dispatched here, not through account_day_materialization(): the lint templater
        would print that macro's return value -#}
    {%- do config(
        materialized=adapter.dispatch('account_day_materialization', 'saas_kpis')(),
        incremental_strategy='append',
        on_schema_change='fail',
        meta={'test_window_column': day_column},
        pre_hook='{{ delete_changed_account_days(' ~ delete_arguments | join(', ') ~ ') }}',
        post_hook='{{ record_build() }}',
    ) -%}
{%- endmacro %}

{#- SQL: the clean product events of non-test accounts (test accounts are excluded
    everywhere) on the account-days a run of a product activity rollup recomputes (all
    of them on a full build), with their UTC day (activity_date) and `columns` (of
    product_events, as `where`, an optional further condition, names them). `sources`:
    product_activity_sources(), passed in by the model (a macro that calls a macro
    returning a value renders wrong in the lint templater). -#}
{% macro changed_product_events(sources, columns, where=none) -%}
    select
        {%- for column in columns %}
        product_events.{{ column }},
        {%- endfor %}
        cast(product_events.occurred_at as date) as activity_date
    from {{ ref('stg_app__product_events') }} as product_events
    inner join {{ ref('stg_app__accounts') }} as accounts
        on product_events.account_id = accounts.account_id
    {{- changed_account_days_join(
        sources, 'product_events.occurred_at', 'product_events.account_id'
    ) }}
    where
        not accounts.is_test
        {%- if where %}
        and {{ where }}
        {%- endif %}
{%- endmacro %}

{#- int_sessions_aggregated is incremental by session: a late event changes its
    session's span and events (and can start it earlier, or on another account), so a
    run recomputes whole every session with an event, as delivered now or before, on an
    account-day the change log lists since the model's last build (changed_accounts):
    the base rows keep every copy, so an event moved to another session, day or account
    changes both sessions, and a session that lost all its events is deleted. -#}

{#- Predicate on a column of session ids: on an incremental run, the sessions to
    recompute (see above); on a full build every row passes. `sources`:
    product_activity_sources() (see changed_product_events). -#}
{% macro changed_sessions_filter(sources, column) -%}
    {%- do declare_change_sources(sources) -%}
    {%- if is_incremental() -%}
        {{ column }} in (
            select delivered.session_id
            from {{ ref('base_app__product_events') }} as delivered
            {{- changed_account_days_join(
                sources, 'delivered.occurred_at', 'delivered.account_id'
            ) | indent(12) }}
            where delivered.session_id is not null
        )
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: on an incremental run, delete the sessions the run recomputes. -#}
{% macro delete_changed_sessions() -%}
    {%- if is_incremental() and config.get('materialized') == 'incremental' %}
        delete from {{ this }}
        where {{ changed_sessions_filter(product_activity_sources(), this ~ '.session_id') }}
    {%- endif %}
{%- endmacro %}
