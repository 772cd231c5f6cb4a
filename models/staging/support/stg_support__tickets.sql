{#-
    The clean, deduplicated support.tickets rows (parsed, validated and
    deduplicated in base_support__tickets).
-#}
with

base as (
    select * from {{ ref('base_support__tickets') }}
),

final as (
    select
        ticket_id,
        account_id,
        requester_user_id,
        channel,
        priority,
        category,
        created_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
