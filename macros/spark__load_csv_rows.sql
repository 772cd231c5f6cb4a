{#-
    Spark variant of dbt's seed loader, overriding dbt-spark's.

    Why: dbt-spark 1.11 in session mode binds each CSV value as `'<python str()>'`
    without escaping, so an empty cell (null) is loaded as the text 'None' and a value
    holding a quote or a backslash breaks or changes the statement. Every raw demo
    column is text, so on Spark every null became 'None' (an `is_test` of 'None' is
    an unknown enum: most accounts were rejected). Here each value is written as a SQL
    literal: null as `null`, anything else as an escaped string literal cast to the
    column's type, exactly as DuckDB and PostgreSQL load the same CSV. A root-project
    macro named spark__load_csv_rows wins over the adapter's.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do types.append(
            column_override.get(column_name, adapter.convert_type(agate_table, loop.index0))
        ) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for value in row -%}
                    {%- if value is none -%}
                        cast(null as {{ types[loop.index0] }})
                    {%- else -%}
                        {%- set text = (value | string).replace('\\', '\\\\').replace("'", "\\'") -%}
                        cast('{{ text }}' as {{ types[loop.index0] }})
                    {%- endif -%}
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
                ){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
