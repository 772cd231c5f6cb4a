{#-
    Every raw marketing spend row, parsed and deduplicated, with its outcome (see
    base_app__accounts). Key: (spend_month, normalized acquisition_channel),
    DECISIONS 4. spend_month must be the first day of a month (a date, or midnight
    of that day as a timestamp): any other day is rejected as unparseable_timestamp
    rather than moved to its month, because two rows of one month would then
    silently become duplicates. DECISIONS 64: currency is always required here.
-#}
{%- set columns = ['spend_month', 'acquisition_channel', 'amount', 'currency', '_loaded_at'] -%}
{%- set channels = ['organic', 'paid_search', 'paid_social', 'referral', 'partner', 'outbound'] -%}

{%- set parsed -%}
    {{ parse_timestamp('spend_month_text') }} as spend_month_at,
    -- DECISIONS 63: normalized like the accounts' channel, then checked strictly.
    {{ normalize_label('acquisition_channel_text') }} as acquisition_channel,
    {{ parse_decimal('amount_text') }} as amount_native,
    upper(currency_text) as currency
{%- endset -%}

{%- set month_checked -%}
    case
        when spend_month_at = {{ dbt.date_trunc('month', 'spend_month_at') }}
            then cast(spend_month_at as date)
    end as spend_month
{%- endset -%}

{%- set record_key -%}
    coalesce(cast(spend_month as {{ dbt.type_string() }}), spend_month_text)
    || '|' || acquisition_channel
{%- endset -%}

{{ base_model(
    'marketing', 'marketing_spend',
    columns=columns,
    required=columns,
    text_columns=[],
    parsed=parsed,
    after_parsing={'month_checked': month_checked},
    key=['spend_month', 'acquisition_channel'],
    key_checks=[
        fault_unparseable('spend_month', 'unparseable_timestamp', 'is not the first day of a month'),
    ],
    checks=[
        fault_number('amount', 'a decimal number', 'amount_native'),
        fault_enum('acquisition_channel', channels),
        fault_unknown_currency(),
        fault_negative('amount', 'amount_native'),
    ],
    record_key=record_key,
    final=['spend_month', 'acquisition_channel', 'amount_native', 'currency'],
) }}
