{#-
    The select list that reads one connector table (Fivetran, Segment): each column of
    `columns` (a mapping name -> type: `text`, `timestamp`, `boolean`, `number`) cast
    to that type, under its own name. The connector's types are used as delivered
    (its loader types them), but a team's schema may lack optional fields: like the
    raw contract's tables (raw_columns_present), a missing table or `required` column
    stops the build with a message naming it, a missing optional column is read as
    null with a warning.
-#}
{% macro connector_columns(relation, table_label, columns, required_columns) -%}
    {%- set types = {
        'text': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'boolean': 'boolean',
        'number': dbt.type_numeric(),
    } -%}
    {%- set present = raw_columns_present(
        relation, table_label, columns.keys() | list, required_columns
    ) if execute else columns.keys() | list -%}
    {%- for column, column_type in columns.items() %}
        cast({{ column if column in present else 'null' }} as {{ types[column_type] }})
            as {{ column }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#-
    A row the connector marks deleted (`_fivetran_deleted`) is not a fact: the adapters
    leave it out, so it reaches neither the clean models nor the audit.
-#}
{% macro connector_row_is_live(deleted_column='_fivetran_deleted') -%}
    coalesce({{ deleted_column }}, false) = false
{%- endmacro %}

{#-
    Stops the build with `message` (a connector var that cannot work as set), when the
    model runs: parsing goes on.
-#}
{% macro connector_config_error(message) -%}
    {%- if execute -%}
        {{ exceptions.raise_compiler_error(message) }}
    {%- endif -%}
{%- endmacro %}
