{#-
    The monthly currency rate seed, cleaned (DECISIONS 11, 71): the currency code
    trimmed and upper-cased, as staging upper-cases the raw tables' currencies.
-#}
with

currency_rates as (
    select * from {{ config_relation('currency_rates') }}
),

final as (
    select
        upper({{ clean_text('currency') }}) as currency,
        rate_month,
        rate_to_usd
    from currency_rates
)

select * from final
