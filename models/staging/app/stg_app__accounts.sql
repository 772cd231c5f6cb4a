{#-
    The clean, deduplicated app.accounts rows (parsed, validated and
    deduplicated in base_app__accounts).
-#}
with

base as (
    select * from {{ ref('base_app__accounts') }}
),

final as (
    select
        account_id,
        account_name,
        segment,
        industry,
        country_code,
        acquisition_channel,
        csm_owner,
        is_test,
        signed_up_at,
        _loaded_at
    from base
    where row_outcome = 'clean'
)

select * from final
