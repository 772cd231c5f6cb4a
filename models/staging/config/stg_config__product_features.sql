{#-
    The product feature map seed, cleaned (DECISIONS 14, 71): event_name trimmed and
    lower-cased as the product events' names are; feature key and name trimmed.
-#}
with

product_features as (
    select * from {{ config_relation('product_features') }}
),

final as (
    select
        lower({{ clean_text('event_name') }}) as event_name,
        {{ clean_text('feature_key') }} as feature_key,
        {{ clean_text('feature_name') }} as feature_name
    from product_features
)

select * from final
