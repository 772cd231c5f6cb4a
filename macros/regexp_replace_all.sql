{#-
    Replace every match of the POSIX regular expression `pattern` in `text` by the
    literal `replacement` (no group references: their syntax differs per engine).
    DuckDB and PostgreSQL replace only the first match unless given the `g` flag;
    Spark always replaces all.
-#}
{% macro regexp_replace_all(text, pattern, replacement) -%}
    {#- pattern and replacement travel as SQL literals (keyword arguments keep the lint
        stubs parseable) -#}
    {{ return(adapter.dispatch('regexp_replace_all', 'saas_kpis')(
        text, pattern="'" ~ pattern ~ "'", replacement="'" ~ replacement ~ "'"
    )) }}
{%- endmacro %}

{% macro default__regexp_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}
