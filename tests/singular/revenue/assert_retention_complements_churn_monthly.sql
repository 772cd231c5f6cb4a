-- For a month, customer retention and customer churn are complements:
-- E - N = (paying at end) - (paying at end, not at start) = paying at both ends
-- = S - churned, so (E - N) / S = 1 - churned / S whenever S > 0, new customers or
-- not. Both rates are null when S = 0. (Quarters differ: an account that churns and
-- comes back within the quarter is retained there but churned in a month.)
-- Compared to within 0.000000001 (floating point).
with

retention as (
    select
        period_start as month,
        customers_at_start,
        customer_retention_rate
    from {{ ref('kpi_customer_retention') }}
    where period_grain = 'month'
),

churn as (
    select
        month,
        customers_at_start,
        customer_churn_rate
    from {{ ref('kpi_customer_churn') }}
),

compared as (
    select
        churn.month,
        churn.customers_at_start as churn_customers_at_start,
        retention.customers_at_start as retention_customers_at_start,
        churn.customer_churn_rate,
        retention.customer_retention_rate
    from churn
    full outer join retention
        on churn.month = retention.month
)

select *
from compared
where
    churn_customers_at_start is null
    or retention_customers_at_start is null
    or churn_customers_at_start != retention_customers_at_start
    or (customer_churn_rate is null) != (customer_retention_rate is null)
    or abs(customer_retention_rate - (1 - customer_churn_rate)) >= 0.000000001
