-- Purchased seats of each paying customer account at the end of each spine month: the
-- seats on the subscription versions with MRR > 0 in effect at the month's end
-- (DECISIONS 21, 38); for the current month the end of as_of_date replaces the month's
-- end. The versions and their MRR come from the revenue area, priced once there.
-- One row per paying account and month.
with

months as (
    select
        month,
        period_end_at
    from {{ ref('int_month_spine') }}
),

paid_versions as (
    select
        account_id,
        seats,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
    where is_paid
),

-- In effect at the month's end: started before the end instant, not ended before it.
versions_at_month_end as (
    select
        paid_versions.account_id,
        months.month,
        paid_versions.seats
    from paid_versions
    inner join months
        on
            paid_versions.valid_from < months.period_end_at
            and (
                paid_versions.valid_to is null
                or paid_versions.valid_to >= months.period_end_at
            )
),

final as (
    select
        account_id,
        month,
        coalesce(cast(sum(seats) as {{ dbt.type_bigint() }}), 0) as seats_purchased
    from versions_at_month_end
    group by
        account_id,
        month
)

select * from final
