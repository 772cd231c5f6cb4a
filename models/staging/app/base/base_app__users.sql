{#- Every raw user row, parsed and deduplicated, with its outcome (see base_app__accounts). -#}
{%- set roles = ['admin', 'member', 'viewer'] -%}

{%- set parsed -%}
    {{ normalize_label('role_text') }} as role_label,
    {{ parse_timestamp('created_at_text') }} as created_at,
    {{ parse_timestamp('deactivated_at_text') }} as deactivated_at
{%- endset -%}

{%- set final -%}
    user_id,
    account_id,
    email,
    -- DECISIONS 9: null or unlisted -> other.
    {{ fallback_enum('role_label', roles, 'other') }} as role,
    created_at,
    deactivated_at
{%- endset -%}

{{ base_model(
    'app', 'users',
    columns=['user_id', 'account_id', 'email', 'role', 'created_at', 'deactivated_at', '_loaded_at'],
    required=['user_id', 'account_id', 'created_at', '_loaded_at'],
    text_columns=['user_id', 'account_id', 'email'],
    parsed=parsed,
    key=['user_id'],
    checks=[
        fault_timestamp('created_at'),
        fault_timestamp('deactivated_at'),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
    ],
    final=final,
) }}
