{#-
    The onboarding step catalogue seed, cleaned like raw text (DECISIONS 2, 14, 71):
    step_key and category trimmed and lower-cased, so that a key the team typed with
    surrounding whitespace or capitals still matches the events.
-#}
{{ config_seed_cleaned(
    'onboarding_steps', keys=['step_key', 'category'], text=['step_name']
) }}
