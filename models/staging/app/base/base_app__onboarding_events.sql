{#-
    Every raw onboarding event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). step_key is trimmed and lower-cased and must be in the step
    catalogue seed (DECISIONS 14).
-#}
{%- set statuses = ['started', 'completed', 'skipped'] -%}
{%- set step_catalogue = lookup(
    'step_catalogue', 'stg_config__onboarding_steps', 'step_key', 'catalogue_step_key', distinct=true
) -%}

{%- set parsed -%}
    lower(step_key_text) as step_key,
    {{ normalize_enum('status_text') }} as status,
    {{ parse_timestamp('occurred_at_text') }} as occurred_at
{%- endset -%}

{{ base_model(
    'app', 'onboarding_events',
    columns=['event_id', 'account_id', 'user_id', 'step_key', 'status', 'occurred_at', '_loaded_at'],
    required=['event_id', 'account_id', 'step_key', 'status', 'occurred_at', '_loaded_at'],
    text_columns=['event_id', 'account_id', 'user_id'],
    parsed=parsed,
    key=['event_id'],
    checks=[
        fault_timestamp('occurred_at'),
        fault_enum('status', statuses),
        fault_not_found(
            'step_key', step_catalogue, 'unknown_onboarding_step',
            'is not in the onboarding step catalogue'
        ),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
    ],
    final=['event_id', 'account_id', 'user_id', 'step_key', 'status', 'occurred_at'],
) }}
