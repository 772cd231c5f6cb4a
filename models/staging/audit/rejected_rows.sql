{#-
    Every raw row that staging rejected, from every raw table, with the reason: the
    place an analyst looks for data that did not make it into the marts. Each base
    model already carries the audit columns; this only unions their rejected rows.
-#}
{%- set base_models = [
    'base_app__accounts',
    'base_app__users',
    'base_app__onboarding_events',
    'base_app__product_events',
    'base_billing__subscriptions',
    'base_surveys__survey_responses',
    'base_support__tickets',
    'base_support__ticket_events',
    'base_marketing__marketing_spend',
] -%}

with

unioned as (
    {%- for base_model in base_models %}
        select
            source_table,
            record_key,
            rejection_kind,
            rejection_reason,
            raw_record,
            _loaded_at
        from {{ ref(base_model) }}
        where row_outcome = 'rejected'
        {%- if not loop.last %}

            union all
        {% endif -%}
    {%- endfor %}
)

select * from unioned
