{#-
    An amount in its own currency converted into the reporting currency (DECISIONS 11):
    `rates` is the alias of the int_currency_rates_filled row joined on the amount's
    currency and the month whose rates apply. The one place the formula is written;
    multiplying before dividing keeps every conversion's doubles identical.
-#}
{% macro to_reporting_currency(amount, rates='rates') -%}
    {{ amount }} * {{ rates }}.rate_to_usd / {{ rates }}.reporting_rate_to_usd
{%- endmacro %}

{#-
    The body of a converting model's import CTE `rates`: the int_currency_rates_filled
    columns to_reporting_currency reads and the keys it is joined on (currency, month),
    written beside the formula that reads them.
-#}
{% macro reporting_currency_rates() -%}
    select
        currency,
        month,
        rate_to_usd,
        reporting_rate_to_usd
    from {{ ref('int_currency_rates_filled') }}
{%- endmacro %}
