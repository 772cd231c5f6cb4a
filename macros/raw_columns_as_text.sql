{#-
    The select list that reads a raw table: every contract column cast to text (the
    loader's types are never trusted) as `<prefix><column>`.

    Before that, it checks the raw table against the contract, so that a broken load
    stops the build with a message naming the table and the column instead of a
    database error from the middle of a query:
      - the table does not exist (or has no columns)  -> compiler error;
      - a required (`*`) column is missing             -> compiler error;
      - an optional column is missing                  -> a warning, read as null.
    Set the var `saas_kpis_staging_check_raw_columns: false` to skip the check (unit tests do:
    their inputs are fixtures, not tables).
-#}
{% macro raw_columns_as_text(relation, table_label, columns, required_columns, prefix='raw_') -%}
    {#- (only when executing: linting renders no returned values) -#}
    {%- set present = raw_columns_present(relation, table_label, columns, required_columns)
        if execute else columns -%}
    {%- for column in columns %}
        {% if column in present -%}
            cast({{ column }} as {{ dbt.type_string() }})
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as {{ prefix ~ column }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#-
    The check above, alone: which of `columns` the table `relation` has (all of them
    when the check is off); stops the build when the table or a required column is
    missing, warns for each missing optional column. Connector adapters use it too
    (connector_columns).
-#}
{% macro raw_columns_present(relation, table_label, columns, required_columns) -%}
    {%- set present = columns -%}
    {%- if execute and var('saas_kpis_staging_check_raw_columns', true) -%}
        {%- set found = adapter.get_columns_in_relation(relation)
            | map(attribute='name') | map('lower') | list -%}
        {%- if found | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ table_label ~ " (" ~ relation ~ ") does not exist or has no columns."
                ~ " Load it, or point the source at it with the vars of models/staging (README)."
            ) }}
        {%- endif -%}
        {%- set missing_required = required_columns | reject('in', found) | list -%}
        {%- if missing_required | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ table_label ~ " (" ~ relation ~ ") is missing required column(s): "
                ~ missing_required | join(', ') ~ ". Found: " ~ found | join(', ') ~ "."
            ) }}
        {%- endif -%}
        {%- set present = columns | select('in', found) | list -%}
        {%- for column in columns if column not in present -%}
            {%- do exceptions.warn(
                "Raw table " ~ table_label ~ " (" ~ relation ~ ") has no column " ~ column ~ "; it is read as null."
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(present) }}
{%- endmacro %}
