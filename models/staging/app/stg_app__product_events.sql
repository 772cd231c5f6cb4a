{#-
    The clean, deduplicated app.product_events rows (parsed, validated and
    deduplicated in base_app__product_events).
-#}
{{ clean_rows('base_app__product_events') }}
