{#-
    Every raw account row, parsed and deduplicated, with its outcome: `clean` (read by
    stg_app__accounts), `rejected` (read by rejected_rows) or `duplicate` (a losing
    copy, counted by the reconciliation test).
-#}
{%- set columns = [
    'account_id', 'account_name', 'segment', 'industry', 'country_code',
    'acquisition_channel', 'csm_owner', 'signed_up_at', 'is_test', '_loaded_at',
] -%}
{%- set required = ['account_id', 'signed_up_at', '_loaded_at'] -%}
{%- set segments = ['smb', 'mid_market', 'enterprise'] -%}
{%- set channels = ['organic', 'paid_search', 'paid_social', 'referral', 'partner', 'outbound'] -%}

with

source as (
    select * from {{ source('app', 'accounts') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(source('app', 'accounts'), 'app.accounts', columns, required) }}
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
        account_id_text as account_id,
        {{ normalize_label('segment_text') }} as segment_label,
        {{ normalize_label('acquisition_channel_text') }} as acquisition_channel_label,
        upper(country_code_text) as country_code,
        {{ parse_boolean('is_test_text') }} as is_test,
        {{ parse_timestamp('signed_up_at_text') }} as signed_up_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('_loaded_at'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(['account_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
validated as (
    select
        *,
        {{ first_fault([
            fault_missing('signed_up_at'),
            fault_timestamp('signed_up_at'),
            fault(
                'is_test_text is not null and is_test is null',
                'unknown_enum',
                "'is_test ' || " ~ quote_value('is_test_text')
                    ~ " || ' is not one of true, false, 1, 0, yes, no, t, f'"
            ),
        ]) }}
    from ranked
),

final as (
    select
        'accounts' as source_table,
        account_id as record_key,
        {{ row_outcome(columns) }},
        account_id,
        account_name_text as account_name,
        -- DECISIONS 9: fallback enums, never a rejection.
        case
            when {{ enum_value_in('segment_label', segments) }} then segment_label
            else 'unknown'
        end as segment,
        industry_text as industry,
        country_code,
        case
            when {{ enum_value_in('acquisition_channel_label', channels) }}
                then acquisition_channel_label
            else 'unknown'
        end as acquisition_channel,
        csm_owner_text as csm_owner,
        coalesce(is_test, false) as is_test,
        signed_up_at,
        _loaded_at
    from validated
)

select * from final
