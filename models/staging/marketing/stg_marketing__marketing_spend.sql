{#-
    The clean, deduplicated marketing.marketing_spend rows (parsed, validated and
    deduplicated in base_marketing__marketing_spend).
-#}
with

base as (
    select * from {{ ref('base_marketing__marketing_spend') }}
),

final as (
    select
        spend_month,
        acquisition_channel,
        amount_native,
        currency,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
