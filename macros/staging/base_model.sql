{#-
    The one skeleton of the base models (models/staging/README.md walks through it):
    every row of one raw-contract table, parsed and deduplicated, with its outcome:
    `clean` (read by the stg_ model), `rejected` (read by audit.rejected_rows, with the
    kind, reason and delivered row) or `duplicate` (a losing copy, DECISIONS 3).

    Its steps, each a CTE of the compiled model:
      source     the raw table (raw_relation: the contract's, or a connector adapter's)
      <lookups>  what the checks look values up in (fault_orphan, fault_not_found)
      delivered  every contract column as text: the loader's types are never trusted
      cleaned    trimmed, empty -> null, as `<column>_text` (clean_columns)
      parsed     `text_columns` as their text, `parsed`: the typed values, named after
                 their columns; then `_loaded_at`
      ranked     the key checks, then the rank of each copy of a key (dedupe_row_number)
      validated  the winner's first fault: a required column without a value, then
                 `checks` (first_fault)
      final      `source_table`, `record_key`, the outcome columns (row_outcome), then
                 `final` and `_loaded_at`

    Arguments: the raw table (`system`, `table`); its contract `columns` and the
    `required` ones, which the table must have (raw_columns_as_text) and each row must
    have a value in; `text_columns`, those taken as their cleaned
    text, and `parsed`, the select list (SQL) of the others that staging reads; the
    `key` columns (parsed) and `key_checks`, the checks of a key column beyond its
    presence; the `checks` of the winner (fault_* macros); `final`, the clean columns
    (a list of names, or a select list in SQL where a column is an expression), and
    `record_key` (SQL; the first key column when omitted).
    A table that needs a value computed from parsed ones, or a window over the ranked
    rows, names the step and its select list in `after_parsing` or `after_ranking`.
    `incremental` (a mapping, `recheck`: see incremental_new_raw_rows_filter) turns on
    the incremental variant for a large table, below.
-#}
{% macro base_model(
    system, table, columns, required, text_columns, parsed, key, checks, final,
    key_checks=[], record_key=none, after_parsing={}, after_ranking={}, incremental=none
) -%}
    {%- set relation = raw_relation(system, table) -%}
    {#- DECISIONS 3, 44: the key and _loaded_at must be usable before deduplication. -#}
    {%- set key_faults = [] -%}
    {%- for column in key + ['_loaded_at'] -%}
        {%- do key_faults.append(fault_missing(column)) -%}
    {%- endfor -%}
    {%- for check in key_checks -%}
        {%- do key_faults.append(check) -%}
    {%- endfor -%}
    {%- do key_faults.append(fault_timestamp('_loaded_at')) -%}
    {#- DECISIONS 2: every other required column must have a value, then the table's checks. -#}
    {%- set winner_faults = [] -%}
    {%- for column in required if column not in key + ['_loaded_at'] -%}
        {%- do winner_faults.append(fault_missing(column)) -%}
    {%- endfor -%}
    {%- for check in checks -%}
        {%- do winner_faults.append(check) -%}
    {%- endfor -%}
    {%- set lookups = {} -%}
    {%- for check in checks if check.lookup -%}
        {%- do lookups.update({check.lookup.name: check.lookup}) -%}
    {%- endfor -%}
    {#-
        The incremental variant, for a table of tens of millions of rows: the source
        is the rows to re-process (incremental_new_raw_rows_filter on the one key
        column), and only the rows of keys delivered more than once are ranked (a
        window over every row would hold the whole table, and spill to disk, to rank
        the one copy almost every key has). The steps both branches of `ranked` read
        are inlined (not_materialized) so that each branch parses only its own rows;
        on an incremental run the source is computed once (its filter reads the whole
        raw table).
    -#}
    {%- set inlined = not_materialized() if incremental else '' -%}
    {%- set source_inlined = inlined if not (incremental and is_incremental()) else '' -%}
    {%- set key_text = raw_text(key[0]) -%}
    {%- set ranked_from = (after_parsing | list | last) or 'parsed' -%}
    {%- set validated_from = (after_ranking | list | last) or 'ranked' %}
with

source as {{ source_inlined ~ ' ' if source_inlined }}(
    select * from {{ relation }}
    {%- if incremental %}
    where {{ incremental_new_raw_rows_filter(relation, key[0], recheck=incremental.recheck) }}
    {%- endif %}
),
{%- if incremental %}

copied_keys as (
    select {{ key_text }} as copied_key
    from source
    group by {{ key_text }}
    having count(*) > 1
),
{%- endif %}
{%- for lookup in lookups.values() %}

{{ lookup.name }} as (
    select {{ 'distinct ' if lookup.distinct }}{{ lookup.column }} as {{ lookup.key }}
    from {{ ref(lookup.model) }}
),
{%- endfor %}

delivered as {{ inlined ~ ' ' if inlined }}(
    select
        {{- raw_columns_as_text(relation, system ~ '.' ~ table, columns, required) }}
        {%- if incremental -%},
        copied_keys.copied_key is not null as has_copies
        {%- endif %}
    from source
    {%- if incremental %}
    left join copied_keys
        on {{ key_text }} = copied_keys.copied_key
    {%- endif %}
),

cleaned as {{ inlined ~ ' ' if inlined }}(
    select
        {{ clean_columns(columns) }}
        {%- if incremental -%},
        has_copies
        {%- endif %}
    from delivered
),

parsed as {{ inlined ~ ' ' if inlined }}(
    select
        *,
        {%- for column in text_columns %}
        {{ column }}_text as {{ column }},
        {%- endfor %}
        {{ parsed | trim | indent(4) }},
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),
{{- added_steps(after_parsing, 'parsed') }}

ranked as (
    select
        *,
        {{ first_fault(key_faults, prefix='key_') }},
        {{ dedupe_row_number(key + ['_loaded_at is null']) }} as dedupe_rank
    from {{ ranked_from }}
    {%- if incremental %}
    where has_copies
    union all
    select
        *,
        {{ first_fault(key_faults, prefix='key_') }},
        1 as dedupe_rank
    from {{ ranked_from }}
    where not has_copies
    {%- endif %}
),
{{- added_steps(after_ranking, 'ranked') }}

validated as (
    select
        {{ validated_from }}.*,
        {{ first_fault(winner_faults) }}
    from {{ validated_from }}
    {%- for lookup in lookups.values() %}
    left join {{ lookup.name }}
        on {{ validated_from }}.{{ lookup.column }} = {{ lookup.name }}.{{ lookup.key }}
    {%- endfor %}
),

final as (
    select
        '{{ table }}' as source_table,
        {{ record_key or key[0] }} as record_key,
        {%- if incremental %}
        -- the incremental key: the key, or for a row without one its delivered text
        -- (written here, not read from raw_row_text, so that the rows of keys
        -- delivered once, which are not ranked, never compute that text)
        coalesce({{ key[0] }}, {{ row_to_text(columns, 'raw_') }}) as raw_row_key,
        {%- endif %}
        {{ row_outcome(columns) }},
        {{ (final if final is string else final | join(',\n    ')) | trim | indent(4) }},
        _loaded_at
    from validated
)

select * from final
{%- endmacro %}

{#-
    The steps a table adds after `previous` (a mapping: step name -> select list over
    the step before it), each a CTE that keeps every column of the one before.
-#}
{% macro added_steps(steps, previous) -%}
    {%- for step, select_list in steps.items() %}

{{ step }} as (
    select
        *,
        {{ select_list | trim | indent(4) }}
    from {{ loop.previtem[0] if not loop.first else previous }}
),
    {%- endfor %}
{%- endmacro %}

{#-
    A model a check looks values up in: the CTE `<name>` selects its `column` as `key`
    (`distinct` when the model has several rows per value); the base model left-joins
    it on `<column> = <key>`.
-#}
{% macro lookup(name, model, column, key, distinct=false) -%}
    {{ return({'name': name, 'model': model, 'column': column, 'key': key, 'distinct': distinct}) }}
{%- endmacro %}
