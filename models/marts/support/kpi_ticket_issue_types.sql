-- Tickets per issue type and month of ticket creation (kpis.md, DECISIONS 30): the
-- share of the month's tickets each category takes. Rows only where a category has
-- tickets (DECISIONS 17).
with

tickets as (
    select
        month,
        category
    from {{ ref('fct_tickets') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

category_tickets_counted as (
    select
        month,
        category,
        count(*) as tickets
    from tickets
    group by
        month,
        category
),

month_tickets_counted as (
    select
        month,
        count(*) as month_tickets
    from tickets
    group by
        month
),

final as (
    select
        category_tickets_counted.month,
        category_tickets_counted.category,
        category_tickets_counted.tickets,
        month_tickets_counted.month_tickets,
        {{ safe_divide(
            'category_tickets_counted.tickets',
            'month_tickets_counted.month_tickets'
        ) }} as share_of_tickets,
        months.is_complete_month
    from category_tickets_counted
    inner join month_tickets_counted
        on category_tickets_counted.month = month_tickets_counted.month
    inner join months
        on category_tickets_counted.month = months.month
)

select * from final
