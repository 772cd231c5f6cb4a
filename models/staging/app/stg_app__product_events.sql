{#-
    The clean, deduplicated app.product_events rows (parsed, validated and
    deduplicated in base_app__product_events).
-#}
with

base as (
    select * from {{ ref('base_app__product_events') }}
),

final as (
    select
        event_id,
        account_id,
        user_id,
        session_id,
        event_name,
        occurred_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
