-- Every onboarding milestone of each customer account, computed once: activation,
-- onboarding completion, training completion and first value, with the durations from
-- signup in decimal days (seconds / 86400). The onboarding marts and the health score
-- read milestones from here, never from the events again.
{%- set value_event_names = var('saas_kpis_value_events') %}
with

accounts as (
    select
        account_id,
        signup_date,
        signup_month,
        signed_up_at
    from {{ ref('int_accounts_cohorted') }}
),

onboarding_steps as (
    select
        is_required,
        is_activation_step,
        category
    from {{ ref('stg_config__onboarding_steps') }}
),

steps_completed as (
    select
        account_id,
        is_required,
        is_activation_step,
        category,
        completed_at
    from {{ ref('int_onboarding_steps_completed') }}
),

-- Value events only, so the scan of the largest table stays a filtered one.
value_events as (
    select
        account_id,
        occurred_at
    from {{ ref('stg_app__product_events') }}
    where
        event_name in (
            {%- for event_name in value_event_names %}
                '{{ event_name }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
        and cast(occurred_at as date) <= {{ as_of_date() }}
),

-- How many steps each milestone needs: the catalogue can change, so it is counted.
catalogue_counts as (
    select
        count(case when is_required then 1 end) as required_steps,
        count(case when is_activation_step then 1 end) as activation_steps,
        count(case when category = 'training' then 1 end) as training_steps
    from onboarding_steps
),

account_completions as (
    select
        account_id,
        count(case when is_required then 1 end) as required_steps_completed,
        count(case when is_activation_step then 1 end) as activation_steps_completed,
        count(case when category = 'training' then 1 end) as training_steps_completed,
        max(case when is_required then completed_at end) as last_required_completed_at,
        max(case when is_activation_step then completed_at end)
            as last_activation_completed_at,
        max(case when category = 'training' then completed_at end)
            as last_training_completed_at
    from steps_completed
    group by
        account_id
),

-- First value: the first value event at or after signup (not before it).
first_values as (
    select
        value_events.account_id,
        min(value_events.occurred_at) as first_value_at
    from value_events
    inner join accounts
        on value_events.account_id = accounts.account_id
    where value_events.occurred_at >= accounts.signed_up_at
    group by
        value_events.account_id
),

-- A milestone is reached at the completion of the last of its steps, once all of them
-- are completed (a catalogue without such steps has no milestone).
milestones as (
    select
        accounts.account_id,
        accounts.signup_month,
        accounts.signup_date,
        accounts.signed_up_at,
        catalogue_counts.required_steps,
        catalogue_counts.activation_steps,
        catalogue_counts.training_steps,
        first_values.first_value_at,
        coalesce(account_completions.required_steps_completed, 0)
            as required_steps_completed,
        coalesce(account_completions.activation_steps_completed, 0)
            as activation_steps_completed,
        coalesce(account_completions.training_steps_completed, 0)
            as training_steps_completed,
        case
            when
                catalogue_counts.activation_steps > 0
                and account_completions.activation_steps_completed
                = catalogue_counts.activation_steps
                then account_completions.last_activation_completed_at
        end as activated_at,
        case
            when
                catalogue_counts.required_steps > 0
                and account_completions.required_steps_completed
                = catalogue_counts.required_steps
                then account_completions.last_required_completed_at
        end as onboarding_completed_at,
        case
            when
                catalogue_counts.training_steps > 0
                and account_completions.training_steps_completed
                = catalogue_counts.training_steps
                then account_completions.last_training_completed_at
        end as training_completed_at
    from accounts
    cross join catalogue_counts
    left join account_completions
        on accounts.account_id = account_completions.account_id
    left join first_values
        on accounts.account_id = first_values.account_id
),

-- Activated: every activation step completed within saas_kpis_activation_window_days of signup,
-- edge day included, in UTC calendar days (DECISIONS 19).
final as (
    select
        account_id,
        signup_month,
        required_steps,
        required_steps_completed,
        activation_steps,
        activation_steps_completed,
        training_steps,
        training_steps_completed,
        {{ seconds_between('signed_up_at', 'activated_at') }} / 86400.0 as days_to_activation,
        {{ seconds_between('signed_up_at', 'onboarding_completed_at') }} / 86400.0
            as days_to_onboard,
        {{ seconds_between('signed_up_at', 'training_completed_at') }} / 86400.0
            as days_to_complete_training,
        {{ seconds_between('signed_up_at', 'first_value_at') }} / 86400.0
            as days_to_first_value,
        coalesce(
            cast(activated_at as date)
            <= cast(
                {{ dbt.dateadd(
                    'day', var('saas_kpis_activation_window_days') | int, 'signup_date'
                ) }}
                as date
            ),
            false
        ) as is_activated,
        onboarding_completed_at is not null as is_onboarding_completed,
        training_completed_at is not null as is_training_completed,
        first_value_at is not null as has_reached_value,
        signup_date,
        signed_up_at,
        activated_at,
        onboarding_completed_at,
        training_completed_at,
        first_value_at
    from milestones
)

select * from final
