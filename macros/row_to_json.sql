{#-
    The raw row for the audit table, as JSON text: `{"column": "value", ...}` with the
    contract's column names as keys, in contract order, values as delivered (text).
    `columns` lists the names; `prefix` is the prefix of the text columns holding the
    delivered values in the calling CTE (the base models use `raw_`).
    Spark's to_json leaves out null fields unless told not to (ignoreNullFields);
    DuckDB and PostgreSQL write `null`.
-#}
{% macro row_to_json(columns, prefix='') -%}
    {%- set pairs = [] -%}
    {%- for column in columns -%}
        {%- do pairs.append("'" ~ column ~ "', " ~ prefix ~ column) -%}
    {%- endfor -%}
    {#- the pairs travel as one SQL fragment (a keyword argument keeps the lint stubs parseable) -#}
    {{ return(adapter.dispatch('row_to_json', 'saas_kpis')(pairs=pairs | join(', '))) }}
{%- endmacro %}

{% macro default__row_to_json(pairs) -%}
    cast(json_object({{ pairs }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__row_to_json(pairs) -%}
    cast(json_build_object({{ pairs }}) as text)
{%- endmacro %}

{% macro spark__row_to_json(pairs) -%}
    to_json(named_struct({{ pairs }}), map('ignoreNullFields', 'false'))
{%- endmacro %}
