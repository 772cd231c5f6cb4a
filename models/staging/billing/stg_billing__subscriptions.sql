{#-
    The clean, deduplicated billing.subscriptions rows (parsed, validated and
    deduplicated in base_billing__subscriptions).
-#}
with

base as (
    select * from {{ ref('base_billing__subscriptions') }}
),

final as (
    select
        subscription_id,
        account_id,
        plan_name,
        status,
        billing_interval,
        amount_native,
        currency,
        seats,
        valid_from,
        valid_to,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
