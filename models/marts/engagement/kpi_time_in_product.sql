-- Time in product: sessions of the month's customers and their lengths (last event
-- minus first event). A session counts in the month of its first event, for the
-- account of its first event, when that account is a customer that month
-- (DECISIONS 32, 50).
with

months as (
    select
        month,
        is_complete_month
    from {{ ref('int_month_spine') }}
),

engagement_months as (
    select
        month,
        monthly_active_users
    from {{ ref('int_engagement_months_aggregated') }}
),

customer_months as (
    select
        account_id,
        month
    from {{ ref('int_customer_months') }}
),

sessions as (
    select
        session_id,
        account_id,
        session_month,
        session_minutes
    from {{ ref('int_sessions_aggregated') }}
),

customer_sessions as (
    select
        sessions.session_month as month,
        count(*) as sessions,
        sum(sessions.session_minutes) as total_session_minutes
    from sessions
    inner join customer_months
        on
            sessions.account_id = customer_months.account_id
            and sessions.session_month = customer_months.month
    group by
        sessions.session_month
),

final as (
    select
        months.month,
        engagement_months.monthly_active_users as active_users,
        coalesce(customer_sessions.sessions, 0) as sessions,
        coalesce(customer_sessions.total_session_minutes, 0) as total_session_minutes,
        {{ safe_divide('customer_sessions.total_session_minutes', 'customer_sessions.sessions') }}
            as avg_session_minutes,
        {{ safe_divide(
            'coalesce(customer_sessions.total_session_minutes, 0)',
            'engagement_months.monthly_active_users'
        ) }} as avg_minutes_per_active_user,
        months.is_complete_month
    from months
    inner join engagement_months
        on months.month = engagement_months.month
    left join customer_sessions
        on months.month = customer_sessions.month
)

select * from final
