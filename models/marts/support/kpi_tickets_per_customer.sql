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

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

customers_counted as (
    select
        month,
        count(*) as customers
    from customer_months
    group by
        month
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
        coalesce(customers_counted.customers, 0) as customers,
        coalesce(customer_tickets_counted.accounts_with_tickets, 0) as accounts_with_tickets,
        {{ safe_divide(
            'coalesce(customer_tickets_counted.tickets, 0)',
            'customers_counted.customers'
        ) }} as tickets_per_customer,
        months.is_complete_month
    from months
    left join customers_counted
        on months.month = customers_counted.month
    left join customer_tickets_counted
        on months.month = customer_tickets_counted.month
)

select * from final
