{#-
    The clean, deduplicated support.ticket_events rows (parsed, validated and
    deduplicated in base_support__ticket_events).
-#}
with

base as (
    select * from {{ ref('base_support__ticket_events') }}
),

final as (
    select
        event_id,
        ticket_id,
        event_type,
        actor_type,
        is_public,
        new_status,
        satisfaction,
        occurred_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
