{#-
    The clean, deduplicated support.tickets rows (parsed, validated and
    deduplicated in base_support__tickets).
-#}
{{ clean_rows('base_support__tickets') }}
