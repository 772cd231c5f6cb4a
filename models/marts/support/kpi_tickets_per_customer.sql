-- Tickets per customer per month of ticket creation (kpis.md, DECISIONS 31): only the
-- tickets of accounts that are customers in that month count, over the customers of
-- the month. Every spine month has a row (DECISIONS 17).
with

tickets as (
    select
        ticket_id,
        account_id,
        month
    from {{ ref('fct_tickets') }}
),

customer_months as (
    select
        account_id,
        month
    from {{ ref('int_customer_months') }}
),

-- The month's customers, counted where the engagement marts count them.
engagement_months as (
    select
        month,
        customers
    from {{ ref('int_engagement_months_aggregated') }}
),

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

customer_tickets_counted as (
    select
        tickets.month,
        count(*) as tickets,
        count(distinct tickets.account_id) as accounts_with_tickets
    from tickets
    inner join customer_months
        on
            tickets.account_id = customer_months.account_id
            and tickets.month = customer_months.month
    group by
        tickets.month
),

final as (
    select
        months.month,
        coalesce(customer_tickets_counted.tickets, 0) as tickets,
        engagement_months.customers,
        coalesce(customer_tickets_counted.accounts_with_tickets, 0) as accounts_with_tickets,
        {{ safe_divide(
            'coalesce(customer_tickets_counted.tickets, 0)',
            'engagement_months.customers'
        ) }} as tickets_per_customer,
        months.is_complete_month
    from months
    inner join engagement_months
        on months.month = engagement_months.month
    left join customer_tickets_counted
        on months.month = customer_tickets_counted.month
)

select * from final
