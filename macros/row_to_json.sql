{#-
    The raw row for the audit table, as JSON text: `{"column": "value", ...}` with the
    contract's column names as keys, in contract order, values as delivered (text).
    `columns` lists the names; `prefix` is the prefix of the text columns holding the
    delivered values in the calling CTE (the base models use `raw_`).
    Spark's to_json leaves out null fields; DuckDB and PostgreSQL write `null`.
-#}
{% macro row_to_json(columns, prefix='') -%}
    {{ return(adapter.dispatch('row_to_json', 'saas_kpis')(columns, prefix)) }}
{%- endmacro %}

{% macro default__row_to_json(columns, prefix) -%}
    cast(json_object(
        {%- for column in columns %}
        '{{ column }}', {{ prefix ~ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__row_to_json(columns, prefix) -%}
    cast(json_build_object(
        {%- for column in columns %}
        '{{ column }}', {{ prefix ~ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as text)
{%- endmacro %}

{% macro spark__row_to_json(columns, prefix) -%}
    to_json(named_struct(
        {%- for column in columns %}
        '{{ column }}', {{ prefix ~ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}
