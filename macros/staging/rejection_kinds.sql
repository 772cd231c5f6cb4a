{#-
    DECISIONS 8: the closed vocabulary of rejection kinds, in precedence order (a row
    with several faults gets the first). The one place this order is written.
-#}
{% macro rejection_kinds() -%}
    {{ return([
        'missing_required',
        'unparseable_timestamp',
        'unparseable_number',
        'unknown_enum',
        'unknown_currency',
        'out_of_range_score',
        'negative_amount',
        'unknown_onboarding_step',
        'orphan_foreign_key',
        'overlapping_subscription_version',
    ]) }}
{%- endmacro %}
