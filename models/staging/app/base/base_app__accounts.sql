{#-
    Every raw account row, parsed and deduplicated, with its outcome: `clean` (read by
    stg_app__accounts), `rejected` (read by rejected_rows) or `duplicate` (a losing
    copy, counted by the reconciliation test). The skeleton every base model follows,
    base_model, is walked through in models/staging/README.md with this model.
-#}
{%- set segments = ['smb', 'mid_market', 'enterprise'] -%}
{%- set channels = ['organic', 'paid_search', 'paid_social', 'referral', 'partner', 'outbound'] -%}

{%- set parsed -%}
    {{ normalize_label('segment_text') }} as segment_label,
    {{ normalize_label('acquisition_channel_text') }} as acquisition_channel_label,
    upper(country_code_text) as country_code,
    {{ parse_boolean('is_test_text') }} as is_test,
    {{ parse_timestamp('signed_up_at_text') }} as signed_up_at
{%- endset -%}

{%- set final -%}
    account_id,
    account_name,
    -- DECISIONS 9: fallback enums, never a rejection.
    {{ fallback_enum('segment_label', segments, 'unknown') }} as segment,
    industry,
    country_code,
    {{ fallback_enum('acquisition_channel_label', channels, 'unknown') }} as acquisition_channel,
    csm_owner,
    coalesce(is_test, false) as is_test,
    signed_up_at
{%- endset -%}

{{ base_model(
    'app', 'accounts',
    columns=[
        'account_id', 'account_name', 'segment', 'industry', 'country_code',
        'acquisition_channel', 'csm_owner', 'signed_up_at', 'is_test', '_loaded_at',
    ],
    required=['account_id', 'signed_up_at', '_loaded_at'],
    text_columns=['account_id', 'account_name', 'industry', 'csm_owner'],
    parsed=parsed,
    key=['account_id'],
    checks=[
        fault_timestamp('signed_up_at'),
        fault_boolean('is_test'),
    ],
    final=final,
) }}
