-- The account's MRR just before and just after every version boundary (an instant at
-- which one of its subscription versions starts or ends), for the billing component of
-- the health score (DECISIONS 39, 52): a contraction is a drop in MRR at a boundary that
-- leaves it above 0, measured in constant currency -- both sides at the rates of the
-- boundary's month, so exchange-rate drift is never a contraction. Boundaries after the
-- end of as_of_date are not facts yet (DECISIONS 16).
with

versions as (
    select
        account_id,
        currency,
        mrr_native,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
),

rates as (
    {{ reporting_currency_rates() }}
),

boundaries as (
    select
        account_id,
        valid_from as boundary_at
    from versions
    union
    select
        account_id,
        valid_to as boundary_at
    from versions
    where valid_to is not null
),

boundaries_known as (
    select
        account_id,
        boundary_at,
        cast({{ dbt.date_trunc('month', 'boundary_at') }} as date) as boundary_month
    from boundaries
    where cast(boundary_at as date) <= {{ as_of_date() }}
),

-- Every version of the account next to each boundary, priced at the boundary month's
-- rates; a version is in effect just before the boundary when it started before it
-- and ends at or after it, just after when it started at or before it and ends after
-- it. Accounts have a handful of versions, so this join stays small.
versions_at_boundaries as (
    select
        boundaries_known.account_id,
        boundaries_known.boundary_at,
        case
            when versions.mrr_native = 0 then cast(0 as {{ type_double() }})
            else {{ to_reporting_currency('versions.mrr_native') }}
        end as version_mrr,
        versions.valid_from < boundaries_known.boundary_at
        and (
            versions.valid_to is null
            or versions.valid_to >= boundaries_known.boundary_at
        ) as is_in_effect_before,
        versions.valid_from <= boundaries_known.boundary_at
        and (
            versions.valid_to is null
            or versions.valid_to > boundaries_known.boundary_at
        ) as is_in_effect_after
    from boundaries_known
    inner join versions
        on boundaries_known.account_id = versions.account_id
    left join rates
        on
            versions.currency = rates.currency
            and boundaries_known.boundary_month = rates.month
),

boundaries_compared as (
    select
        account_id,
        boundary_at,
        sum(case when is_in_effect_before then version_mrr else 0 end) as mrr_before,
        sum(case when is_in_effect_after then version_mrr else 0 end) as mrr_after
    from versions_at_boundaries
    group by
        account_id,
        boundary_at
),

-- A change smaller than 0.000001 is no change (DECISIONS 24).
final as (
    select
        account_id,
        mrr_before,
        mrr_after,
        boundary_at,
        cast(boundary_at as date) as boundary_date,
        mrr_after < mrr_before - 0.000001 and mrr_after > 0.000001 as is_contraction
    from boundaries_compared
)

select * from final
