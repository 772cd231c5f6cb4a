{#-
    The last day the marts report on, as a SQL expression of type date.

    The one place where as_of_date is resolved (kpis.md, DECISIONS 15 and 60):
    - the `saas_kpis_as_of_date` var, when set, as a date literal (so a past date reproduces what
      the marts said that day, DECISIONS 16);
    - otherwise the default computed once by int_as_of_date from the clean data.
-#}
{% macro as_of_date() -%}
    {%- set override = var('saas_kpis_as_of_date', none) -%}
    {%- if override is not none and override | string | trim != '' -%}
        cast('{{ override | string | trim }}' as date)
    {%- else -%}
        (select resolved.as_of_date from {{ ref('int_as_of_date') }} as resolved)
    {%- endif -%}
{%- endmacro %}
