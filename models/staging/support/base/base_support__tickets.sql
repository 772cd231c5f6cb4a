{#- Every raw ticket row, parsed and deduplicated, with its outcome (see base_app__accounts). -#}
{%- set channels = ['email', 'chat', 'phone', 'web'] -%}
{%- set priorities = ['low', 'normal', 'high', 'urgent'] -%}

{%- set parsed -%}
    {{ normalize_label('channel_text') }} as channel_label,
    -- DECISIONS 9: priority is strict, but null means normal.
    coalesce({{ normalize_enum('priority_text') }}, 'normal') as priority,
    -- DECISIONS 30: a snake_case key; null -> uncategorized.
    coalesce({{ normalize_key('category_text') }}, 'uncategorized') as category,
    {{ parse_timestamp('created_at_text') }} as created_at
{%- endset -%}

{%- set final -%}
    ticket_id,
    account_id,
    requester_user_id,
    -- DECISIONS 9: null or unlisted -> other.
    {{ fallback_enum('channel_label', channels, 'other') }} as channel,
    priority,
    category,
    created_at
{%- endset -%}

{{ base_model(
    'support', 'tickets',
    columns=[
        'ticket_id', 'account_id', 'requester_user_id', 'channel', 'priority', 'category',
        'created_at', '_loaded_at',
    ],
    required=['ticket_id', 'account_id', 'created_at', '_loaded_at'],
    text_columns=['ticket_id', 'account_id', 'requester_user_id'],
    parsed=parsed,
    key=['ticket_id'],
    checks=[
        fault_timestamp('created_at'),
        fault_enum('priority', priorities),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
    ],
    final=final,
) }}
