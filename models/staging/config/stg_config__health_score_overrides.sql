{#-
    The CSMs' health score pins, cleaned (DECISIONS 1, 71): account_id trimmed (and
    compared exactly, like every id), the reason trimmed.
-#}
with

health_score_overrides as (
    select * from {{ config_relation('health_score_overrides') }}
),

final as (
    select
        {{ clean_text('account_id') }} as account_id,
        health_score,
        {{ clean_text('reason') }} as reason,
        valid_from,
        valid_to
    from health_score_overrides
)

select * from final
