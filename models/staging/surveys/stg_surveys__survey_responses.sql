{#-
    The clean, deduplicated surveys.survey_responses rows (parsed, validated and
    deduplicated in base_surveys__survey_responses).
-#}
{{ clean_rows('base_surveys__survey_responses') }}
