-- One row per calendar month of the spine (first signup month to as_of_date's month),
-- with the part of the month the marts observe: up to its last day, or up to
-- as_of_date for the current month (DECISIONS 21, 31, 59).
with

days as (
    select date_day from {{ ref('int_day_spine') }}
),

months as (
    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month,
        max(date_day) as month_end_date
    from days
    group by
        cast({{ dbt.date_trunc('month', 'date_day') }} as date)
),

final as (
    select
        month,
        cast({{ dbt.dateadd('month', 1, 'month') }} as date) as next_month,
        month_end_date,
        -- Exclusive end instant of the observed part of the month: the start of the
        -- day after month_end_date.
        cast({{ dbt.dateadd('day', 1, 'month_end_date') }} as {{ dbt.type_timestamp() }})
            as period_end_at,
        month_end_date
        = cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'month')) }} as date)
            as is_complete_month
    from months
)

select * from final
