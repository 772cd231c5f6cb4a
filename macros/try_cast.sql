{#-
    Cast `expression` to `type`, giving null instead of an error when the value does
    not convert. DuckDB and Spark have `try_cast`. PostgreSQL has none: numeric and
    boolean targets are guarded with a regular expression on the text; for date and
    timestamp targets pass text that `parse_timestamp` (or an equivalent check) has
    already validated, because PostgreSQL falls back to a plain cast there.
-#}
{% macro try_cast(expression, type) -%}
    {{ return(adapter.dispatch('try_cast', 'saas_kpis')(expression, type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}

{% macro postgres__try_cast(expression, type) -%}
    {%- set t = type | lower -%}
    {%- if t in ('int', 'integer', 'bigint', 'smallint', 'int4', 'int8') -%}
        case
            when cast({{ expression }} as text) ~ '^ *[+-]?[0-9]{1,18} *$'
                then cast(cast({{ expression }} as text) as {{ type }})
        end
    {%- elif t.startswith('numeric') or t.startswith('decimal') or t in ('double precision', 'float', 'float8', 'real') -%}
        case
            when cast({{ expression }} as text) ~ '^ *[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)? *$'
                then cast(cast({{ expression }} as text) as {{ type }})
        end
    {%- elif t in ('bool', 'boolean') -%}
        case
            when lower(trim(cast({{ expression }} as text)))
                in ('t', 'f', 'true', 'false', 'y', 'n', 'yes', 'no', 'on', 'off', '1', '0')
                then cast(cast({{ expression }} as text) as boolean)
        end
    {%- else -%}
        cast({{ expression }} as {{ type }})
    {%- endif -%}
{%- endmacro %}
