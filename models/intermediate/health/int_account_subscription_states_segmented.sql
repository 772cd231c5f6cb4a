-- The subscription state of each customer account as a sequence of day segments: from
-- valid_from_date (inclusive) to valid_to_date (exclusive; null = still open) the state
-- at the end of every day is constant. The state is what the health score reads at the
-- end of a day (DECISIONS 37, 38, 39): whether the account is a customer, its paid
-- versions and purchased seats, and whether a version is past_due. Built from the
-- priced subscription versions, so it is small (a few segments per account), and the
-- daily health rows expand it over the day spine.
with

versions as (
    select
        account_id,
        status,
        seats,
        is_paid,
        is_customer_status,
        valid_from,
        valid_to
    from {{ ref('int_subscription_versions_priced') }}
),

-- A version is in effect at the end of day D when valid_from < midnight after D and
-- (valid_to is null or valid_to >= midnight after D) (DECISIONS 21): on the days from
-- the date of valid_from up to the day before the date of valid_to. A version that
-- starts and ends on the same day is never in effect at a day's end.
versions_dated as (
    select
        *,
        cast(valid_from as date) as first_date,
        cast(valid_to as date) as end_date
    from versions
),

versions_in_effect_at_a_day_end as (
    select
        account_id,
        first_date,
        end_date,
        case when is_customer_status then 1 else 0 end as customer_versions,
        case when is_paid then 1 else 0 end as paid_versions,
        case when is_paid then coalesce(seats, 0) else 0 end as purchased_seats,
        case when status = 'past_due' then 1 else 0 end as past_due_versions
    from versions_dated
    where end_date is null or end_date > first_date
),

-- Each version adds its counts on its first day and takes them back on its end date.
state_deltas as (
    select
        account_id,
        first_date as change_date,
        customer_versions,
        paid_versions,
        purchased_seats,
        past_due_versions
    from versions_in_effect_at_a_day_end
    union all
    select
        account_id,
        end_date as change_date,
        -1 * customer_versions as customer_versions,
        -1 * paid_versions as paid_versions,
        -1 * purchased_seats as purchased_seats,
        -1 * past_due_versions as past_due_versions
    from versions_in_effect_at_a_day_end
    where end_date is not null
),

deltas_per_day as (
    select
        account_id,
        change_date,
        sum(customer_versions) as customer_versions,
        sum(paid_versions) as paid_versions,
        sum(purchased_seats) as purchased_seats,
        sum(past_due_versions) as past_due_versions
    from state_deltas
    group by
        account_id,
        change_date
),

-- The state from each change date on is the running sum of the changes so far; it
-- holds until the next change date.
states_accumulated as (
    select
        account_id,
        change_date as valid_from_date,
        sum(customer_versions) over (
            partition by account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as customer_versions,
        sum(paid_versions) over (
            partition by account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as paid_versions,
        sum(purchased_seats) over (
            partition by account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as purchased_seats,
        sum(past_due_versions) over (
            partition by account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as past_due_versions,
        lead(change_date) over (
            partition by account_id
            order by change_date
        ) as valid_to_date
    from deltas_per_day
),

final as (
    select
        account_id,
        customer_versions,
        paid_versions,
        purchased_seats,
        past_due_versions,
        valid_from_date,
        valid_to_date,
        customer_versions > 0 as is_customer,
        paid_versions > 0 as has_paid_version,
        past_due_versions > 0 as is_past_due
    from states_accumulated
)

select * from final
