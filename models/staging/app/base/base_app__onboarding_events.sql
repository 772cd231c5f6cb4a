{#-
    Every raw onboarding event row, parsed and deduplicated, with its outcome (see
    base_app__accounts). step_key is trimmed and lower-cased and must be in the step
    catalogue seed (DECISIONS 14).
-#}
{%- set columns = [
    'event_id', 'account_id', 'user_id', 'step_key', 'status', 'occurred_at', '_loaded_at',
] -%}
{%- set required = ['event_id', 'account_id', 'step_key', 'status', 'occurred_at', '_loaded_at'] -%}
{%- set statuses = ['started', 'completed', 'skipped'] -%}

with

source as (
    select * from {{ source('app', 'onboarding_events') }}
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

step_catalogue as (
    select distinct
        step_key as catalogue_step_key
    from {{ ref('stg_config__onboarding_steps') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            source('app', 'onboarding_events'), 'app.onboarding_events', columns, required
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
        account_id_text as account_id,
        user_id_text as user_id,
        lower(step_key_text) as step_key,
        {{ normalize_enum('status_text') }} as status,
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
            fault_missing('account_id'),
            fault_missing('step_key'),
            fault_missing('status'),
            fault_missing('occurred_at'),
            fault_timestamp('occurred_at'),
            fault_enum('status', statuses),
            fault(
                'step_key is not null and step_catalogue.catalogue_step_key is null',
                'unknown_onboarding_step',
                "'step_key ' || " ~ quote_value('step_key_text')
                    ~ " || ' is not in the onboarding step catalogue'"
            ),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
        ]) }}
    from ranked
    left join clean_accounts
        on ranked.account_id = clean_accounts.parent_account_id
    left join step_catalogue
        on ranked.step_key = step_catalogue.catalogue_step_key
),

final as (
    select
        'onboarding_events' as source_table,
        event_id as record_key,
        {{ row_outcome(columns) }},
        event_id,
        account_id,
        user_id,
        step_key,
        status,
        occurred_at,
        _loaded_at
    from validated
)

select * from final
