{#-
    Every raw ticket event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). The ticket must be a clean ticket (DECISIONS 6).
-#}
{%- set event_types = ['comment', 'status_change', 'escalated', 'satisfaction_rated'] -%}
{%- set actor_types = ['agent', 'customer', 'system'] -%}
{%- set statuses = ['open', 'pending', 'solved', 'closed'] -%}
{%- set satisfactions = ['good', 'bad'] -%}

{%- set parsed -%}
    {{ normalize_enum('event_type_text') }} as event_type,
    {{ normalize_enum('actor_type_text') }} as actor_type,
    {{ parse_boolean('is_public_text') }} as is_public,
    {{ normalize_enum('new_status_text') }} as new_status,
    {{ normalize_enum('satisfaction_text') }} as satisfaction,
    {{ parse_timestamp('occurred_at_text') }} as occurred_at
{%- endset -%}

{{ base_model(
    'support', 'ticket_events',
    columns=[
        'event_id', 'ticket_id', 'event_type', 'actor_type', 'is_public', 'new_status',
        'satisfaction', 'occurred_at', '_loaded_at',
    ],
    required=['event_id', 'ticket_id', 'event_type', 'occurred_at', '_loaded_at'],
    text_columns=['event_id', 'ticket_id'],
    parsed=parsed,
    key=['event_id'],
    checks=[
        fault_timestamp('occurred_at'),
        fault_enum('event_type', event_types),
        fault_enum('actor_type', actor_types),
        fault_boolean('is_public'),
        fault_enum('new_status', statuses),
        fault_enum('satisfaction', satisfactions),
        fault_orphan('ticket_id', 'stg_support__tickets', 'tickets'),
    ],
    final=['event_id', 'ticket_id', 'event_type', 'actor_type', 'is_public', 'new_status', 'satisfaction', 'occurred_at'],
) }}
