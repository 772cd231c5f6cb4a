{#-
    The clean, deduplicated app.onboarding_events rows (parsed, validated and
    deduplicated in base_app__onboarding_events).
-#}
{{ clean_rows('base_app__onboarding_events') }}
