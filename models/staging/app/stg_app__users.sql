{#-
    The clean, deduplicated app.users rows (parsed, validated and
    deduplicated in base_app__users).
-#}
with

base as (
    select * from {{ ref('base_app__users') }}
),

final as (
    select
        user_id,
        account_id,
        email,
        role,
        created_at,
        deactivated_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
