{#- The decimal type of every money column in staging (native currency amounts). -#}
{% macro type_money() -%}
    decimal(28, 6)
{%- endmacro %}
