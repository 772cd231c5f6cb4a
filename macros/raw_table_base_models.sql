{#-
    The base model of each raw table (one row per raw row, with its row_outcome): what
    the models and tests that look at every raw table at once iterate over.
-#}
{% macro raw_table_base_models() -%}
    {{ return([
        'base_app__accounts',
        'base_app__users',
        'base_app__onboarding_events',
        'base_app__product_events',
        'base_billing__subscriptions',
        'base_surveys__survey_responses',
        'base_support__tickets',
        'base_support__ticket_events',
        'base_marketing__marketing_spend',
    ]) }}
{%- endmacro %}
