{#- Every raw ticket row, parsed and deduplicated, with its outcome (see base_app__accounts). -#}
{%- set columns = [
    'ticket_id', 'account_id', 'requester_user_id', 'channel', 'priority', 'category',
    'created_at', '_loaded_at',
] -%}
{%- set required = ['ticket_id', 'account_id', 'created_at', '_loaded_at'] -%}
{%- set channels = ['email', 'chat', 'phone', 'web'] -%}
{%- set priorities = ['low', 'normal', 'high', 'urgent'] -%}

with

source as (
    select * from {{ raw_relation('support', 'tickets') }}
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            raw_relation('support', 'tickets'), 'support.tickets', columns, required
        ) }}
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
        ticket_id_text as ticket_id,
        account_id_text as account_id,
        requester_user_id_text as requester_user_id,
        {{ normalize_label('channel_text') }} as channel_label,
        -- DECISIONS 9: priority is strict, but null means normal.
        coalesce({{ normalize_enum('priority_text') }}, 'normal') as priority,
        -- DECISIONS 30: a snake_case key; null -> uncategorized.
        coalesce({{ normalize_key('category_text') }}, 'uncategorized') as category,
        {{ parse_timestamp('created_at_text') }} as created_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('ticket_id'),
            fault_missing('_loaded_at'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(['ticket_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('created_at'),
            fault_timestamp('created_at'),
            fault_enum('priority', priorities),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
        ]) }}
    from ranked
    left join clean_accounts
        on ranked.account_id = clean_accounts.parent_account_id
),

final as (
    select
        'tickets' as source_table,
        ticket_id as record_key,
        {{ row_outcome(columns) }},
        ticket_id,
        account_id,
        requester_user_id,
        -- DECISIONS 9: null or unlisted -> other.
        case
            when {{ enum_value_in('channel_label', channels) }} then channel_label
            else 'other'
        end as channel,
        priority,
        category,
        created_at,
        _loaded_at
    from validated
)

select * from final
