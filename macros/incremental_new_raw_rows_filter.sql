{#-
    Predicate of an incremental base model over its raw table (`raw_relation`, keyed on one
    `key` column): on an incremental run, keep the raw rows to re-process, i.e. every
    copy of each key that has a new raw row (deduplication must see all copies
    together), plus the new rows without a key; on a full build every row passes.
    Pair it with the delete+insert strategy on a key column that is `key`, or a row's
    delivered text when it has none, so that re-processed rows replace their old ones.

    The late-load policy (README, "Schedule it"): a raw row is new when its `_loaded_at`
    is missing, does not start with a date, or starts with a date on or after the latest
    `_loaded_at` already processed minus the `saas_kpis_late_load_days` var. The delivered text's
    date is compared, not a parsed timestamp, so the run does not parse every raw row,
    and nothing is compared with the processed keys (an anti-join of two tables of the
    raw table's size). A row stamped earlier than that window (a loader that back-dates
    by more) is never picked up: the raw_rows_processed test fails and says to run
    --full-refresh.
    `recheck`: a condition on the target's rows whose keys are re-processed on every
    run too (e.g. orphans, which turn clean once their parent arrives).
-#}
{% macro incremental_new_raw_rows_filter(raw_relation, key, recheck=none) -%}
    {%- if is_incremental() -%}
        {%- set key_text = raw_text(key) -%}
        {%- set raw_key_text = raw_text('raw_rows.' ~ key) -%}
        {#-
            The cut-off, read once when the model compiles (a literal in the filter is
            far cheaper than a subquery in it). A `_loaded_at` in the future (a bad
            row) must not move it past every real load.
        -#}
        {%- set cutoff_query -%}
            select
                cast(cast({{ dbt.dateadd(
                    'day', -1 * (var('saas_kpis_late_load_days', 3) | int), 'max(_loaded_at)'
                ) }} as date) as {{ dbt.type_string() }})
            from {{ this }}
            where _loaded_at <= {{ dbt.current_timestamp() }}
        {%- endset -%}
        {%- set first_new_day = run_query(cutoff_query).columns[0].values()[0] if execute else none -%}
        {%- set is_new = loaded_at_is_new('_loaded_at', first_new_day) -%}
        (
            {{ key_text }} in (
                select {{ raw_key_text }}
                from {{ raw_relation }} as raw_rows
                where {{ is_new }}
                {%- if recheck %}
                union all
                select {{ key }} from {{ this }} where {{ recheck }}
                {%- endif %}
            )
            or ({{ key_text }} is null and {{ is_new }})
        )
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{#-
    Whether a raw row's `column` (`_loaded_at`, any loader type) makes it new: its
    cleaned text (raw_text) is missing, does not start with a date (`____-__-__`), or
    starts with a date on or after `first_new_day` (`YYYY-MM-DD`; none: every row is new).

    Cleaning every raw row's text only to compare its first ten characters is most of
    the cost of an incremental run's filter (it reads every raw row, twice), so the
    delivered text is compared first. Text on or after the day is new as delivered
    (trimming can only remove trailing whitespace from it, and its first ten
    characters decide). Text that starts with ten characters of a date's shape,
    neither the first nor the tenth whitespace, is old when it is before the day (the
    trim keeps those ten characters). Only the rest, a few bad rows, are cleaned and
    checked as the policy says.
-#}
{% macro loaded_at_is_new(column, first_new_day) -%}
    {%- if first_new_day is none -%}
        1 = 1
    {%- else -%}
        {%- set delivered = 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
        {%- set cleaned = raw_text(column) -%}
        (
            {{ delivered }} is null
            or {{ collate_binary(delivered) }} >= '{{ first_new_day }}'
            or (
                not (
                    {{ delivered }} like '____-__-__%'
                    and {{ collate_binary(delivered) }} >= '!'
                    and {{ collate_binary('substring(' ~ delivered ~ ', 10, 1)') }} >= '!'
                )
                and (
                    {{ cleaned }} is null
                    or substring({{ cleaned }}, 1, 10) not like '____-__-__'
                    or substring({{ cleaned }}, 1, 10) >= '{{ first_new_day }}'
                )
            )
        )
    {%- endif -%}
{%- endmacro %}
