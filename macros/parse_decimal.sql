{#-
    Money and other decimals from text: optional sign, digits with an optional `.`
    fraction (`12`, `12.50`, `.5`, `-3.`); no exponent, no thousands separators, no
    currency symbols -> null otherwise. The result type is `decimal(28, 6)` on every
    engine (dbt's type_numeric is decimal(18, 3) on DuckDB and would round cents of
    cents). Expects trimmed text.
-#}
{% macro parse_decimal(text) -%}
    case
        when {{ regexp_like(text, '^[+-]?([0-9]{1,22}([.][0-9]*)?|[.][0-9]+)$') }}
            then cast({{ text }} as {{ type_money() }})
    end
{%- endmacro %}
