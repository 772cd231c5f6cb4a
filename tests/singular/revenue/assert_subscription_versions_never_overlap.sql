-- Versions of one subscription never overlap (raw_sources.md, DECISIONS 5, 49): ordered
-- by valid_from, each version ends (valid_to, exclusive) at or before the next one
-- starts, and only the last one may be open (valid_to null).
with

versions as (
    select
        subscription_id,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
),

versions_paired as (
    select
        subscription_id,
        valid_from,
        valid_to,
        lead(valid_from) over (
            partition by subscription_id
            order by valid_from
        ) as next_valid_from
    from versions
)

select *
from versions_paired
where
    next_valid_from is not null
    and (valid_to is null or valid_to > next_valid_from)
