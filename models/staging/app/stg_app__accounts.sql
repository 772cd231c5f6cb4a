{#-
    The clean, deduplicated app.accounts rows (parsed, validated and
    deduplicated in base_app__accounts).
-#}
{{ clean_rows('base_app__accounts') }}
