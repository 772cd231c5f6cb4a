{#-
    The clean, deduplicated billing.subscriptions rows (parsed, validated and
    deduplicated in base_billing__subscriptions).
-#}
{{ clean_rows('base_billing__subscriptions') }}
