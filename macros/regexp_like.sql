{#-
    True when `text` contains a match of the POSIX regular expression `pattern`
    (search semantics: anchor with ^ and $ for a full match). Write patterns without
    backslashes (`[.]`, `[0-9]`): backslashes mean different things in the string
    literals of DuckDB, PostgreSQL and Spark.
-#}
{% macro regexp_like(text, pattern) -%}
    {#- the pattern travels as a SQL literal (a keyword argument keeps the lint stubs parseable) -#}
    {{ return(adapter.dispatch('regexp_like', 'saas_kpis')(text, pattern="'" ~ pattern ~ "'")) }}
{%- endmacro %}

{% macro default__regexp_like(text, pattern) -%}
    regexp_like({{ text }}, {{ pattern }})
{%- endmacro %}

{% macro duckdb__regexp_like(text, pattern) -%}
    regexp_matches({{ text }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__regexp_like(text, pattern) -%}
    ({{ text }} ~ {{ pattern }})
{%- endmacro %}

{% macro spark__regexp_like(text, pattern) -%}
    ({{ text }} rlike {{ pattern }})
{%- endmacro %}
