{#-
    The CSMs' health score pins, cleaned (DECISIONS 1, 71): account_id trimmed (and
    compared exactly, like every id), the reason trimmed.
-#}
{{ config_seed_cleaned('health_score_overrides', text=['account_id', 'reason']) }}
