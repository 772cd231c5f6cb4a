{#-
    One check of a staging row, for `first_fault`: the SQL `condition` that makes the
    row faulty, its rejection `kind` and a SQL text expression giving the `reason` a
    person understands, with the offending value. The `fault_*` macros build the
    common ones on the base models' naming convention: `<column>_text` holds the
    trimmed delivered text (null when empty), `<column>` the parsed value.
-#}
{% macro fault(condition, kind, reason) -%}
    {{ return({'condition': condition, 'kind': kind, 'reason': reason}) }}
{%- endmacro %}

{#- DECISIONS 2: a required column without a usable value. -#}
{% macro fault_missing(column, text_column=none) -%}
    {{ return(fault(
        (text_column or column ~ '_text') ~ ' is null',
        'missing_required',
        "'" ~ column ~ " is missing'"
    )) }}
{%- endmacro %}

{#- DECISIONS 7, 13, 58: a non-null timestamp that does not parse. -#}
{% macro fault_timestamp(column) -%}
    {{ return(fault(
        column ~ '_text is not null and ' ~ column ~ ' is null',
        'unparseable_timestamp',
        "'" ~ column ~ " ' || " ~ quote_value(column ~ '_text') ~ " || ' is not a timestamp'"
    )) }}
{%- endmacro %}

{#-
    DECISIONS 7, 46: a non-null number that does not parse (`what`: `an integer`...);
    `parsed_column` when the parsed value has another name (amount -> amount_native).
-#}
{% macro fault_number(column, what='a number', parsed_column=none) -%}
    {{ return(fault(
        column ~ '_text is not null and ' ~ (parsed_column or column) ~ ' is null',
        'unparseable_number',
        "'" ~ column ~ " ' || " ~ quote_value(column ~ '_text') ~ " || ' is not " ~ what ~ "'"
    )) }}
{%- endmacro %}

{#- DECISIONS 9, 58: a strict enum whose non-null normalized value is not listed. -#}
{% macro fault_enum(column, values) -%}
    {{ return(fault(
        column ~ ' is not null and not ' ~ enum_value_in(column, values),
        'unknown_enum',
        "'" ~ column ~ " ' || " ~ quote_value(column ~ '_text')
            ~ " || ' is not one of " ~ values | join(', ') ~ "'"
    )) }}
{%- endmacro %}

{#- DECISIONS 6: a foreign key absent from the clean parent (joined as `parent_alias`). -#}
{% macro fault_orphan(column, parent_alias, parent_key, parent_label) -%}
    {{ return(fault(
        column ~ ' is not null and ' ~ parent_alias ~ '.' ~ parent_key ~ ' is null',
        'orphan_foreign_key',
        "'" ~ column ~ " ' || " ~ quote_value(column)
            ~ " || ' is not in the clean " ~ parent_label ~ "'"
    )) }}
{%- endmacro %}
