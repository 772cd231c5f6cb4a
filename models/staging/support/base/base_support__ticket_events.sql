{#-
    Every raw ticket event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). The ticket must be a clean ticket (DECISIONS 6).
-#}
{%- set columns = [
    'event_id', 'ticket_id', 'event_type', 'actor_type', 'is_public', 'new_status',
    'satisfaction', 'occurred_at', '_loaded_at',
] -%}
{%- set required = ['event_id', 'ticket_id', 'event_type', 'occurred_at', '_loaded_at'] -%}
{%- set event_types = ['comment', 'status_change', 'escalated', 'satisfaction_rated'] -%}
{%- set actor_types = ['agent', 'customer', 'system'] -%}
{%- set statuses = ['open', 'pending', 'solved', 'closed'] -%}
{%- set satisfactions = ['good', 'bad'] -%}

with

source as (
    select * from {{ raw_relation('support', 'ticket_events') }}
),

clean_tickets as (
    select ticket_id as parent_ticket_id from {{ ref('stg_support__tickets') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            raw_relation('support', 'ticket_events'), 'support.ticket_events', columns, required
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
        event_id_text as event_id,
        ticket_id_text as ticket_id,
        {{ normalize_enum('event_type_text') }} as event_type,
        {{ normalize_enum('actor_type_text') }} as actor_type,
        {{ parse_boolean('is_public_text') }} as is_public,
        {{ normalize_enum('new_status_text') }} as new_status,
        {{ normalize_enum('satisfaction_text') }} as satisfaction,
        {{ parse_timestamp('occurred_at_text') }} as occurred_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('event_id'),
            fault_missing('_loaded_at'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(['event_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('ticket_id'),
            fault_missing('event_type'),
            fault_missing('occurred_at'),
            fault_timestamp('occurred_at'),
            fault_enum('event_type', event_types),
            fault_enum('actor_type', actor_types),
            fault(
                'is_public_text is not null and is_public is null',
                'unknown_enum',
                "'is_public ' || " ~ quote_value('is_public_text')
                    ~ " || ' is not one of true, false, 1, 0, yes, no, t, f'"
            ),
            fault_enum('new_status', statuses),
            fault_enum('satisfaction', satisfactions),
            fault_orphan('ticket_id', 'clean_tickets', 'parent_ticket_id', 'tickets'),
        ]) }}
    from ranked
    left join clean_tickets
        on ranked.ticket_id = clean_tickets.parent_ticket_id
),

final as (
    select
        'ticket_events' as source_table,
        event_id as record_key,
        {{ row_outcome(columns) }},
        event_id,
        ticket_id,
        event_type,
        actor_type,
        is_public,
        new_status,
        satisfaction,
        occurred_at,
        _loaded_at
    from validated
)

select * from final
