{#-
    The clean, deduplicated app.users rows (parsed, validated and
    deduplicated in base_app__users).
-#}
{{ clean_rows('base_app__users') }}
