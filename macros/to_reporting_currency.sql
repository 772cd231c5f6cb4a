{#-
    An amount in its own currency converted into the reporting currency (DECISIONS 11):
    `rates` is the alias of the int_currency_rates_filled row joined on the amount's
    currency and the month whose rates apply. The one place the formula is written;
    multiplying before dividing keeps every conversion's doubles identical.
-#}
{% macro to_reporting_currency(amount, rates='rates') -%}
    {{ amount }} * {{ rates }}.rate_to_usd / {{ rates }}.reporting_rate_to_usd
{%- endmacro %}
