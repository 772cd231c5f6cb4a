{#-
    Exact elapsed seconds (with fractions) from start_at to end_at, as a double.
    dbt.datediff counts crossed boundaries (whole units), which is not a duration;
    durations of the marts (minutes for support, decimal days for onboarding and
    trials) are built on this.
-#}
{% macro seconds_between(start_at, end_at) -%}
    {{ return(adapter.dispatch('seconds_between', 'saas_kpis')(start_at, end_at)) }}
{%- endmacro %}

{% macro default__seconds_between(start_at, end_at) -%}
    cast(
        extract(epoch from {{ end_at }}) - extract(epoch from {{ start_at }})
        as {{ type_double() }}
    )
{%- endmacro %}

{% macro duckdb__seconds_between(start_at, end_at) -%}
    (epoch({{ end_at }}) - epoch({{ start_at }}))
{%- endmacro %}

{#- Casting a timestamp to double gives epoch seconds with the fraction on Spark. -#}
{% macro spark__seconds_between(start_at, end_at) -%}
    (cast({{ end_at }} as double) - cast({{ start_at }} as double))
{%- endmacro %}
