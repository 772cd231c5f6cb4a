{#-
    The product feature map seed, cleaned (DECISIONS 14, 71): event_name trimmed and
    lower-cased as the product events' names are; feature key and name trimmed.
-#}
{{ config_seed_cleaned(
    'product_features', keys=['event_name'], text=['feature_key', 'feature_name']
) }}
