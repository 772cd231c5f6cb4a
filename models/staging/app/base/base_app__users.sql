{#- Every raw user row, parsed and deduplicated, with its outcome (see base_app__accounts). -#}
{%- set columns = [
    'user_id', 'account_id', 'email', 'role', 'created_at', 'deactivated_at', '_loaded_at',
] -%}
{%- set required = ['user_id', 'account_id', 'created_at', '_loaded_at'] -%}
{%- set roles = ['admin', 'member', 'viewer'] -%}

with

source as (
    select * from {{ source('app', 'users') }}
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(source('app', 'users'), 'app.users', columns, required) }}
    from source
),

cleaned as (
    select
        {{ clean_columns(columns) }}
    from delivered
),

parsed as (
    select
        *,
        user_id_text as user_id,
        account_id_text as account_id,
        {{ normalize_label('role_text') }} as role_label,
        {{ parse_timestamp('created_at_text') }} as created_at,
        {{ parse_timestamp('deactivated_at_text') }} as deactivated_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('user_id'),
            fault_missing('_loaded_at'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(['user_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8; the
-- account must be a clean account (DECISIONS 6).
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('created_at'),
            fault_timestamp('created_at'),
            fault_timestamp('deactivated_at'),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
        ]) }}
    from ranked
    left join clean_accounts
        on ranked.account_id = clean_accounts.parent_account_id
),

final as (
    select
        'users' as source_table,
        user_id as record_key,
        {{ row_outcome(columns) }},
        user_id,
        account_id,
        email_text as email,
        -- DECISIONS 9: null or unlisted -> other.
        case
            when {{ enum_value_in('role_label', roles) }} then role_label
            else 'other'
        end as role,
        created_at,
        deactivated_at,
        _loaded_at
    from validated
)

select * from final
