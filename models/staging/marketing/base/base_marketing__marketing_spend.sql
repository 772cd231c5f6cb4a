{#-
    Every raw marketing spend row, parsed and deduplicated, with its outcome (see
    base_app__accounts). Key: (spend_month, normalized acquisition_channel),
    DECISIONS 4. spend_month must be the first day of a month (a date, or midnight
    of that day as a timestamp): any other day is rejected as unparseable_timestamp
    rather than moved to its month, because two rows of one month would then
    silently become duplicates.
-#}
{%- set columns = ['spend_month', 'acquisition_channel', 'amount', 'currency', '_loaded_at'] -%}
{%- set required = columns -%}
{%- set channels = ['organic', 'paid_search', 'paid_social', 'referral', 'partner', 'outbound'] -%}

with

source as (
    select * from {{ source('marketing', 'marketing_spend') }}
),

-- DECISIONS 11: a currency is known when the rate seed has it (any month).
rate_currencies as (
    select distinct
        currency as rate_currency
    from {{ ref('stg_config__currency_rates') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            source('marketing', 'marketing_spend'), 'marketing.marketing_spend', columns, required
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
        {{ parse_timestamp('spend_month_text') }} as spend_month_at,
        -- DECISIONS 63: normalized like the accounts' channel, then checked strictly.
        {{ normalize_label('acquisition_channel_text') }} as acquisition_channel,
        {{ parse_decimal('amount_text') }} as amount_native,
        upper(currency_text) as currency,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

month_checked as (
    select
        *,
        case
            when spend_month_at = {{ dbt.date_trunc('month', 'spend_month_at') }}
                then cast(spend_month_at as date)
        end as spend_month
    from parsed
),

-- DECISIONS 3, 4, 44: a row without a usable key (spend_month, channel) or
-- _loaded_at is rejected before deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('spend_month'),
            fault_missing('acquisition_channel'),
            fault_missing('_loaded_at'),
            fault(
                'spend_month_text is not null and spend_month is null',
                'unparseable_timestamp',
                "'spend_month ' || " ~ quote_value('spend_month_text')
                    ~ " || ' is not the first day of a month'"
            ),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(
            ['spend_month', 'acquisition_channel', 'spend_month is null or _loaded_at is null']
        ) }} as dedupe_rank
    from month_checked
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8;
-- DECISIONS 64: currency is always required here.
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('amount'),
            fault_missing('currency'),
            fault_number('amount', 'a decimal number', 'amount_native'),
            fault_enum('acquisition_channel', channels),
            fault(
                'currency is not null and rate_currencies.rate_currency is null',
                'unknown_currency',
                "'currency ' || " ~ quote_value('currency_text')
                    ~ " || ' is not in the currency_rates seed'"
            ),
            fault(
                'amount_native < 0',
                'negative_amount',
                "'amount ' || " ~ quote_value('amount_text') ~ " || ' is negative'"
            ),
        ]) }}
    from ranked
    left join rate_currencies
        on ranked.currency = rate_currencies.rate_currency
),

final as (
    select
        'marketing_spend' as source_table,
        coalesce(cast(spend_month as {{ dbt.type_string() }}), spend_month_text)
        || '|' || acquisition_channel as record_key,
        {{ row_outcome(columns) }},
        spend_month,
        acquisition_channel,
        amount_native,
        currency,
        _loaded_at
    from validated
)

select * from final
