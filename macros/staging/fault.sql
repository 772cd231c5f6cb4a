{#-
    One check of a base model's row, for `first_fault`: the SQL `condition` that makes
    the row faulty, its rejection `kind`, and the `reason` a person reads, a sentence
    whose placeholders show the offending values (rejection_reason). A check that looks
    a value up in another model carries that `lookup` (see `lookup`); the base model
    joins it.

    The `fault_*` macros build the common checks on the base models' naming
    convention: `<column>_text` holds the trimmed delivered text (null when empty),
    `<column>` the parsed value.
-#}
{% macro fault(condition, kind, reason, lookup=none) -%}
    {{ return({
        'condition': condition,
        'kind': kind,
        'reason': rejection_reason(reason),
        'lookup': lookup,
    }) }}
{%- endmacro %}

{#- DECISIONS 2: a required column without a usable value. -#}
{% macro fault_missing(column) -%}
    {{ return(fault(column ~ '_text is null', 'missing_required', column ~ ' is missing')) }}
{%- endmacro %}

{#-
    DECISIONS 7: a delivered value that does not parse: `<column>_text` is set but the
    parsed value (`parsed_column`, by default `column`) is null. `what` ends the
    reason: "<column> '<value>' <what>".
-#}
{% macro fault_unparseable(column, kind, what, parsed_column=none) -%}
    {{ return(fault(
        column ~ '_text is not null and ' ~ (parsed_column or column) ~ ' is null',
        kind,
        column ~ " '{" ~ column ~ "_text}' " ~ what
    )) }}
{%- endmacro %}

{#- DECISIONS 7, 13, 58: a timestamp that does not parse (parse_timestamp). -#}
{% macro fault_timestamp(column) -%}
    {{ return(fault_unparseable(column, 'unparseable_timestamp', 'is not a timestamp')) }}
{%- endmacro %}

{#-
    DECISIONS 7, 46: a number that does not parse (`what`: `an integer`...);
    `parsed_column` when the parsed value has another name (amount -> amount_native).
-#}
{% macro fault_number(column, what='a number', parsed_column=none) -%}
    {{ return(fault_unparseable(column, 'unparseable_number', 'is not ' ~ what, parsed_column)) }}
{%- endmacro %}

{#- DECISIONS 9: a boolean that does not parse (parse_boolean lists the accepted words). -#}
{% macro fault_boolean(column) -%}
    {{ return(fault_unparseable(
        column, 'unknown_enum', 'is not one of true, false, 1, 0, yes, no, t, f'
    )) }}
{%- endmacro %}

{#- DECISIONS 9, 58: a strict enum whose non-null normalized value is not listed. -#}
{% macro fault_enum(column, values) -%}
    {{ return(fault(
        column ~ ' is not null and not ' ~ enum_value_in(column, values),
        'unknown_enum',
        column ~ " '{" ~ column ~ "_text}' is not one of " ~ values | join(', ')
    )) }}
{%- endmacro %}

{#- DECISIONS 10: a negative amount (`parsed_column`: the parsed amount). -#}
{% macro fault_negative(column, parsed_column) -%}
    {{ return(fault(
        parsed_column ~ ' < 0', 'negative_amount', column ~ " '{" ~ column ~ "_text}' is negative"
    )) }}
{%- endmacro %}

{#-
    A value absent from the `lookup` it must be found in (`when`: only under this
    condition). `what` ends the reason: "<column> '<value>' <what>".
-#}
{% macro fault_not_found(column, lookup, kind, what, when=none) -%}
    {{ return(fault(
        (when ~ ' and ' if when else '') ~ column ~ ' is not null and '
            ~ lookup.name ~ '.' ~ lookup.key ~ ' is null',
        kind,
        column ~ " '{" ~ column ~ "_text}' " ~ what,
        lookup
    )) }}
{%- endmacro %}

{#- DECISIONS 6: a foreign key absent from the clean parent model (`parent_label`: its rows). -#}
{% macro fault_orphan(column, parent_model, parent_label) -%}
    {{ return(fault_not_found(
        column,
        lookup('clean_' ~ parent_label, parent_model, column, 'parent_' ~ column),
        'orphan_foreign_key',
        'is not in the clean ' ~ parent_label
    )) }}
{%- endmacro %}

{#- DECISIONS 11: a currency the rate seed does not have (any month). -#}
{% macro fault_unknown_currency(when=none) -%}
    {{ return(fault_not_found(
        'currency',
        lookup('rate_currencies', 'stg_config__currency_rates', 'currency', 'rate_currency', true),
        'unknown_currency',
        'is not in the currency_rates seed',
        when
    )) }}
{%- endmacro %}
