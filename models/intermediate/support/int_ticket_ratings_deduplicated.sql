-- The satisfaction rating of each rated ticket (DECISIONS 35): a customer may rate a
-- ticket more than once; the latest rating counts, in the month it was given.
with

ratings as (
    select
        event_id,
        ticket_id,
        account_id,
        satisfaction,
        occurred_at
    from {{ ref('int_ticket_events_filtered') }}
    where
        event_type = 'satisfaction_rated'
        and satisfaction is not null
),

-- Latest first; the event id breaks ties between ratings at the same instant.
ratings_ranked as (
    select
        ticket_id,
        account_id,
        satisfaction,
        occurred_at,
        row_number() over (
            partition by ticket_id
            order by occurred_at desc, event_id desc
        ) as rating_rank
    from ratings
),

final as (
    select
        ticket_id,
        account_id,
        satisfaction,
        satisfaction = 'good' as is_satisfied,
        cast({{ dbt.date_trunc('month', 'occurred_at') }} as date) as rated_month,
        occurred_at as rated_at
    from ratings_ranked
    where rating_rank = 1
)

select * from final
