{{ account_day_config(
    'health_sources', 'score_date', new_days_after='health_last_score_date(is_incremental())'
) }}

{%- set usage_window = var('saas_kpis_health_usage_window_days') | int %}
{%- set utilization_window = var('saas_kpis_health_utilization_window_days') | int %}
{%- set support_window = var('saas_kpis_health_support_window_days') | int %}
{%- set sentiment_window = var('saas_kpis_health_sentiment_window_days') | int %}
{%- set billing_window = var('saas_kpis_health_billing_window_days') | int %}
{#- The run's score days, looked up once (macros/health_run_days.sql). -#}
{%- set run_days = health_run_days(is_incremental()) %}
{%- set first_score_date = run_days['first_score_date'] %}
{#- The last day each windowed fact counts in: what the inputs are joined to the changed
    accounts on (health_changed_days_join), so that a run reads each account's facts only
    as far back as its first re-computed day's windows reach. -#}
{%- set usage_last_day = health_window_last_day('account_days.activity_date', usage_window) %}
{%- set utilization_last_day = health_window_last_day(
    'user_days.activity_date', utilization_window
) %}
{%- set support_last_day = health_window_last_day('ticket_days.activity_date', support_window) %}

-- The raw measures of the health score for every day at whose end an account is a
-- customer (DECISIONS 37), as of the end of that day (kpis.md "Customer health",
-- DECISIONS 38, 39, 52). The scoring (customer_health_daily) maps them onto 0..100.
--
-- How the rolling windows are computed without a per-day join over the facts: every
-- fact becomes a +n on the day it happened and a -n on the day it leaves its window
-- (day + window days); the measure on a score day is the running sum of those changes
-- up to and including that day, in one ordered pass per account over the day-grain
-- rollups (the "score day" rows and the change rows, together). Distinct active users
-- in a window are counted the same way, from each user's disjoint coverage intervals.
--
-- Incremental by account and day (macros/incremental_changes.sql): a run computes every
-- account's new days and, for each account that the rows loaded since the last build
-- change, its days from the first changed day on (health_changed_days_join, a join to
-- the changed accounts, and health_score_days_filter); those account-days are deleted
-- first and inserted again, so an incremental run equals a full refresh. Each input is
-- read only as far back as its window reaches from the earliest day computed
-- (health_run_days()), and the large day-grain ones (account, user and ticket
-- days) per account, from that account's first computed day (joined to the changed
-- accounts on the last day a fact counts); a fact whose window closed before that day
-- adds and takes back its change before it, so it can be left out.
with

accounts as (
    select
        account_id,
        signup_date
    from {{ ref('int_accounts_cohorted') }}
),

subscription_states as (
    select
        account_id,
        paid_versions,
        purchased_seats,
        past_due_versions,
        is_customer,
        valid_from_date,
        valid_to_date
    from {{ ref('int_account_subscription_states_segmented') }}
),

days as (
    select date_day from {{ ref('int_day_spine') }}
),

account_days as (
    select
        account_days.account_id,
        account_days.activity_date
    from {{ ref('int_account_days_aggregated') }} as account_days
    {{- health_changed_days_join(usage_last_day, 'account_days.account_id', run_days) }}
    where
        account_days.activity_date
        >= cast({{ dbt.dateadd('day', 1 - usage_window, first_score_date) }} as date)
        and account_days.activity_date <= {{ as_of_date() }}
        and {{ health_score_days_filter(usage_last_day, run_days) }}
),

user_days as (
    select
        user_days.account_id,
        user_days.user_id,
        user_days.activity_date
    from {{ ref('int_user_days_aggregated') }} as user_days
    {{- health_changed_days_join(utilization_last_day, 'user_days.account_id', run_days) }}
    where
        user_days.activity_date
        >= cast({{ dbt.dateadd('day', 1 - utilization_window, first_score_date) }} as date)
        and user_days.activity_date <= {{ as_of_date() }}
        and {{ health_score_days_filter(utilization_last_day, run_days) }}
),

-- Completions accumulate for ever: every completion is read (a few per account).
required_steps_completed as (
    select
        account_id,
        completed_at
    from {{ ref('int_onboarding_steps_completed') }}
    where is_required
),

milestones as (
    select
        account_id,
        required_steps
    from {{ ref('int_account_milestones_computed') }}
),

ticket_days as (
    select
        ticket_days.account_id,
        ticket_days.activity_date,
        ticket_days.tickets_created,
        ticket_days.escalated_events
    from {{ ref('int_account_ticket_days_aggregated') }} as ticket_days
    {{- health_changed_days_join(support_last_day, 'ticket_days.account_id', run_days) }}
    where
        ticket_days.activity_date
        >= cast({{ dbt.dateadd('day', 1 - support_window, first_score_date) }} as date)
        and {{ health_score_days_filter(support_last_day, run_days) }}
),

survey_answers as (
    select
        response_id,
        account_id,
        survey_type,
        score,
        responded_at
    from {{ ref('int_survey_responses_classified') }}
    where
        is_answered
        and survey_type in ('nps', 'csat')
        and score is not null
        and cast(responded_at as date)
        >= cast({{ dbt.dateadd('day', 1 - sentiment_window, first_score_date) }} as date)
),

contractions as (
    select
        account_id,
        boundary_date
    from {{ ref('int_account_mrr_boundaries_compared') }}
    where
        is_contraction
        and boundary_date
        >= cast({{ dbt.dateadd('day', 1 - billing_window, first_score_date) }} as date)
),

-- The customer segments that reach into the days this run computes, with an end date
-- on every segment (an open one ends after as_of_date), so that expanding them over the
-- spine is a join on two inequalities (a range join the engines plan well).
customer_segments as (
    select
        account_id,
        paid_versions,
        purchased_seats,
        past_due_versions,
        valid_from_date,
        coalesce(
            valid_to_date, cast({{ dbt.dateadd('day', 1, as_of_date()) }} as date)
        ) as valid_to_date
    from subscription_states
    where
        is_customer
        and (valid_to_date is null or valid_to_date > {{ first_score_date }})
),

-- The days to score: every day of a customer segment, from the first day this run
-- computes to as_of_date (the spine's last day), with the subscription state.
score_days as (
    select
        customer_segments.account_id,
        days.date_day as score_date,
        customer_segments.paid_versions,
        customer_segments.purchased_seats,
        customer_segments.past_due_versions
    from customer_segments
    inner join days
        on
            customer_segments.valid_from_date <= days.date_day
            and customer_segments.valid_to_date > days.date_day
    {{- health_changed_days_join(
        'days.date_day', 'customer_segments.account_id', run_days
    ) }}
    where
        days.date_day >= {{ first_score_date }}
        and {{ health_score_days_filter('days.date_day', run_days) }}
),

-- A user active on day a counts on the days a .. a + window - 1. Cut at the user's next
-- active day, these coverage intervals are disjoint, so the number of intervals
-- covering a day is the number of distinct users active in its window.
user_days_sequenced as (
    select
        account_id,
        activity_date,
        cast({{ dbt.dateadd('day', utilization_window, 'activity_date') }} as date)
            as window_end_date,
        lead(activity_date) over (
            partition by account_id, user_id
            order by activity_date
        ) as next_activity_date
    from user_days
),

user_coverage as (
    select
        account_id,
        activity_date,
        case
            when next_activity_date < window_end_date then next_activity_date
            else window_end_date
        end as coverage_end_date
    from user_days_sequenced
),

-- The latest answer of each type per account and day (the latest instant wins; the
-- response id breaks ties), so that a score day can look up its latest answer by date.
survey_answers_ranked as (
    select
        account_id,
        survey_type,
        score,
        cast(responded_at as date) as answer_date,
        row_number() over (
            partition by account_id, survey_type, cast(responded_at as date)
            order by responded_at desc, response_id desc
        ) as answer_rank
    from survey_answers
),

daily_answers as (
    select
        account_id,
        survey_type,
        score,
        answer_date
    from survey_answers_ranked
    where answer_rank = 1
),

-- Every change to a running measure, one row per change: (account, day, measure, +/-n).
measure_changes as (
    select
        account_id,
        activity_date as change_date,
        'active_days' as measure,
        1 as change_amount
    from account_days
    union all
    select
        account_id,
        cast({{ dbt.dateadd('day', usage_window, 'activity_date') }} as date) as change_date,
        'active_days' as measure,
        -1 as change_amount
    from account_days
    union all
    select
        account_id,
        activity_date as change_date,
        'active_users' as measure,
        1 as change_amount
    from user_coverage
    union all
    select
        account_id,
        coverage_end_date as change_date,
        'active_users' as measure,
        -1 as change_amount
    from user_coverage
    union all
    select
        account_id,
        cast(completed_at as date) as change_date,
        'required_steps_completed' as measure,
        1 as change_amount
    from required_steps_completed
    union all
    select
        account_id,
        activity_date as change_date,
        'support_events' as measure,
        tickets_created + escalated_events as change_amount
    from ticket_days
    union all
    select
        account_id,
        cast({{ dbt.dateadd('day', support_window, 'activity_date') }} as date) as change_date,
        'support_events' as measure,
        -1 * (tickets_created + escalated_events) as change_amount
    from ticket_days
    union all
    select
        account_id,
        boundary_date as change_date,
        'contractions' as measure,
        1 as change_amount
    from contractions
    union all
    select
        account_id,
        cast({{ dbt.dateadd('day', billing_window, 'boundary_date') }} as date) as change_date,
        'contractions' as measure,
        -1 as change_amount
    from contractions
    union all
    -- An answer day marks itself; the running maximum carries it forward.
    select
        account_id,
        answer_date as change_date,
        survey_type as measure,
        0 as change_amount
    from daily_answers
),

-- Changes and score days on one timeline per account: one row per account and day.
timeline as (
    select
        account_id,
        change_date as timeline_date,
        sum(case when measure = 'active_days' then change_amount else 0 end)
            as active_days_change,
        sum(case when measure = 'active_users' then change_amount else 0 end)
            as active_users_change,
        sum(case when measure = 'required_steps_completed' then change_amount else 0 end)
            as required_steps_completed_change,
        sum(case when measure = 'support_events' then change_amount else 0 end)
            as support_events_change,
        sum(case when measure = 'contractions' then change_amount else 0 end)
            as contractions_change,
        max(case when measure = 'nps' then change_date end) as nps_answer_date,
        max(case when measure = 'csat' then change_date end) as csat_answer_date,
        0 as is_score_day,
        cast(null as integer) as paid_versions,
        cast(null as integer) as purchased_seats,
        cast(null as integer) as past_due_versions
    from measure_changes
    group by
        account_id,
        change_date
    union all
    select
        account_id,
        score_date as timeline_date,
        0 as active_days_change,
        0 as active_users_change,
        0 as required_steps_completed_change,
        0 as support_events_change,
        0 as contractions_change,
        cast(null as date) as nps_answer_date,
        cast(null as date) as csat_answer_date,
        1 as is_score_day,
        paid_versions,
        purchased_seats,
        past_due_versions
    from score_days
),

-- On a day with both changes and a score, the changes come first: the measures are as
-- of the end of the day (is_score_day sorts them before the score row).
running_measures as (
    select
        account_id,
        timeline_date,
        is_score_day,
        paid_versions,
        purchased_seats,
        past_due_versions,
        sum(active_days_change) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as active_days,
        sum(active_users_change) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as active_users,
        sum(required_steps_completed_change) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as required_steps_completed,
        sum(support_events_change) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as support_events,
        sum(contractions_change) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as recent_contractions,
        max(nps_answer_date) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as latest_nps_date,
        max(csat_answer_date) over (
            partition by account_id
            order by timeline_date, is_score_day
            rows between unbounded preceding and current row
        ) as latest_csat_date
    from timeline
),

-- The latest answers count only inside the sentiment window (edges inclusive).
score_days_measured as (
    select
        running_measures.account_id,
        running_measures.timeline_date as score_date,
        accounts.signup_date,
        running_measures.active_days,
        running_measures.active_users,
        running_measures.purchased_seats,
        milestones.required_steps,
        running_measures.required_steps_completed,
        running_measures.support_events,
        nps_answers.score as latest_nps_score,
        csat_answers.score as latest_csat_score,
        running_measures.paid_versions > 0 as has_paid_version,
        running_measures.past_due_versions > 0 as is_past_due,
        running_measures.recent_contractions > 0 as has_recent_contraction
    from running_measures
    inner join accounts
        on running_measures.account_id = accounts.account_id
    left join milestones
        on running_measures.account_id = milestones.account_id
    left join daily_answers as nps_answers
        on
            running_measures.account_id = nps_answers.account_id
            and running_measures.latest_nps_date = nps_answers.answer_date
            and nps_answers.survey_type = 'nps'
            and nps_answers.answer_date
            >= cast(
                {{ dbt.dateadd('day', 1 - sentiment_window, 'running_measures.timeline_date') }}
                as date
            )
    left join daily_answers as csat_answers
        on
            running_measures.account_id = csat_answers.account_id
            and running_measures.latest_csat_date = csat_answers.answer_date
            and csat_answers.survey_type = 'csat'
            and csat_answers.answer_date
            >= cast(
                {{ dbt.dateadd('day', 1 - sentiment_window, 'running_measures.timeline_date') }}
                as date
            )
    where running_measures.is_score_day = 1
),

-- The raw measure of each component (kpis.md table), named <component>_measure after
-- the component of the health_score_components seed it feeds (customer_health_daily
-- reads one per component of the seed): null where the component has no data -- no
-- purchased seats (utilization, support), no answer in the sentiment window, no paid
-- version (billing). CSAT (1..5) maps onto 0..10 as (x - 1) * 2.5.
final as (
    select
        account_id,
        score_date,
        signup_date,
        cast(active_days as {{ type_double() }}) as usage_measure,
        {{ safe_divide('active_users', 'purchased_seats') }} as utilization_measure,
        {{ safe_divide('required_steps_completed', 'required_steps') }} as onboarding_measure,
        {{ safe_divide('support_events', 'purchased_seats') }} as support_measure,
        cast(
            coalesce(latest_nps_score, (latest_csat_score - 1) * 2.5) as {{ type_double() }}
        ) as sentiment_measure,
        case
            when not has_paid_version then cast(null as {{ type_double() }})
            when is_past_due then cast(0 as {{ type_double() }})
            when has_recent_contraction then cast(50 as {{ type_double() }})
            else cast(100 as {{ type_double() }})
        end as billing_measure,
        active_days,
        active_users,
        purchased_seats,
        required_steps,
        required_steps_completed,
        support_events,
        latest_nps_score,
        latest_csat_score,
        has_paid_version,
        is_past_due,
        has_recent_contraction
    from score_days_measured
)

select * from final
