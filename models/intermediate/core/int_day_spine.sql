-- One row per calendar day from the first day of the first spine month to
-- as_of_date. The spine starts at the earlier of the first signup month and the
-- first month in which a subscription version is in effect (DECISIONS 15, 61, 68).
with

accounts as (
    select
        account_id,
        signed_up_at
    from {{ ref('stg_app__accounts') }}
    where not is_test
),

subscriptions as (
    select
        account_id,
        valid_from
    from {{ ref('stg_billing__subscriptions') }}
),

first_facts as (
    select min(signed_up_at) as first_at from accounts
    union all
    select min(subscriptions.valid_from) as first_at
    from subscriptions
    inner join accounts
        on subscriptions.account_id = accounts.account_id
),

bounds as (
    select
        cast({{ dbt.date_trunc('month', 'min(first_at)') }} as date) as start_date,
        {{ as_of_date() }} as end_date
    from first_facts
),

digits as (
    {%- for digit in range(10) %}
        select {{ digit }} as digit
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- 0 .. 99,999: enough days for 270 years of history.
day_offsets as (
    select
        ones.digit
        + 10 * tens.digit
        + 100 * hundreds.digit
        + 1000 * thousands.digit
        + 10000 * ten_thousands.digit as day_offset
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as ten_thousands
),

days as (
    select
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'bounds.start_date') }} as date)
            as date_day,
        bounds.end_date
    from day_offsets
    cross join bounds
    where
        day_offsets.day_offset
        <= {{ dbt.datediff('bounds.start_date', 'bounds.end_date', 'day') }}
),

final as (
    select date_day from days
)

select * from final
