{#-
    The clean, deduplicated support.ticket_events rows (parsed, validated and
    deduplicated in base_support__ticket_events).
-#}
{{ clean_rows('base_support__ticket_events') }}
