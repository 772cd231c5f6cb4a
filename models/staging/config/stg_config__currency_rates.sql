{#-
    The monthly currency rate seed, cleaned (DECISIONS 11, 71): the currency code
    trimmed and upper-cased, as staging upper-cases the raw tables' currencies.
-#}
{{ config_seed_cleaned('currency_rates', codes=['currency']) }}
