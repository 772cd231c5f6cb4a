-- Each customer account's completed onboarding steps: a step is completed by its first
-- `completed` event (DECISIONS 29; `started` and `skipped` change nothing), by the end
-- of as_of_date (DECISIONS 16). One row per account and completed step, with the step's
-- catalogue attributes, so that every milestone reads the completions from one place.
with

accounts as (
    select account_id from {{ ref('int_accounts_cohorted') }}
),

onboarding_steps as (
    select
        step_key,
        step_order,
        category,
        is_required,
        is_activation_step
    from {{ ref('stg_config__onboarding_steps') }}
),

completion_events as (
    select
        account_id,
        step_key,
        occurred_at
    from {{ ref('stg_app__onboarding_events') }}
    where
        status = 'completed'
        and cast(occurred_at as date) <= {{ as_of_date() }}
),

first_completions as (
    select
        account_id,
        step_key,
        min(occurred_at) as completed_at
    from completion_events
    group by
        account_id,
        step_key
),

final as (
    select
        first_completions.account_id,
        first_completions.step_key,
        onboarding_steps.category,
        onboarding_steps.step_order,
        onboarding_steps.is_required,
        onboarding_steps.is_activation_step,
        first_completions.completed_at
    from first_completions
    inner join accounts
        on first_completions.account_id = accounts.account_id
    inner join onboarding_steps
        on first_completions.step_key = onboarding_steps.step_key
)

select * from final
