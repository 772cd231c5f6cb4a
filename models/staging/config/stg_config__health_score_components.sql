{#-
    The health score component seed, cleaned (DECISIONS 71): component and
    lifecycle_stage trimmed and lower-cased, the keys customer_health_daily matches.
-#}
{{ config_seed_cleaned('health_score_components', keys=['component', 'lifecycle_stage']) }}
