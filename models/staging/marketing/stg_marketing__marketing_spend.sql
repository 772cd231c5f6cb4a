{#-
    The clean, deduplicated marketing.marketing_spend rows (parsed, validated and
    deduplicated in base_marketing__marketing_spend).
-#}
{{ clean_rows('base_marketing__marketing_spend') }}
