{#-
    Every raw subscription version row, parsed and deduplicated, with its outcome (see
    base_app__accounts). Key: (subscription_id, valid_from as a UTC instant),
    DECISIONS 4. Versions of one subscription must not overlap (DECISIONS 5, 49).
-#}
{%- set columns = [
    'subscription_id', 'account_id', 'plan_name', 'status', 'billing_interval', 'amount',
    'currency', 'seats', 'valid_from', 'valid_to', '_loaded_at',
] -%}
{%- set required = ['subscription_id', 'account_id', 'status', 'valid_from', '_loaded_at'] -%}
{%- set statuses = ['trialing', 'active', 'past_due', 'canceled'] -%}

with

source as (
    select * from {{ raw_relation('billing', 'subscriptions') }}
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

-- DECISIONS 11: a currency is known when the rate seed has it (any month).
rate_currencies as (
    select distinct currency as rate_currency
    from {{ ref('stg_config__currency_rates') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            raw_relation('billing', 'subscriptions'), 'billing.subscriptions', columns, required
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
        subscription_id_text as subscription_id,
        account_id_text as account_id,
        -- DECISIONS 48
        lower(plan_name_text) as plan_name,
        {{ normalize_enum('status_text') }} as status,
        -- DECISIONS 10
        case
            when {{ normalize_enum('billing_interval_text') }} in ('month', 'monthly')
                then 'month'
            when {{ normalize_enum('billing_interval_text') }} in ('year', 'yearly', 'annual')
                then 'year'
        end as billing_interval,
        {{ parse_decimal('amount_text') }} as amount_native,
        upper(currency_text) as currency,
        {{ parse_integer('seats_text') }} as seats,
        {{ parse_timestamp('valid_from_text') }} as valid_from,
        {{ parse_timestamp('valid_to_text') }} as valid_to,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 4, 44: a row without a usable key (subscription_id, valid_from) or
-- _loaded_at is rejected before deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('subscription_id'),
            fault_missing('valid_from'),
            fault_missing('_loaded_at'),
            fault_timestamp('valid_from'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(
            ['subscription_id', 'valid_from', 'valid_from is null or _loaded_at is null']
        ) }} as dedupe_rank
    from parsed
),

-- DECISIONS 5, 49: each deduplicated version (kept or not) next to the version of
-- the same subscription that starts immediately before it. A predecessor whose
-- valid_to was delivered empty never ends; one whose valid_to does not parse is
-- rejected itself and does not reject its successor.
versions_sequenced as (
    select
        *,
        lag(valid_from) over (
            partition by subscription_id, key_rejection_kind is null and dedupe_rank = 1
            order by valid_from
        ) as previous_valid_from,
        lag(valid_to) over (
            partition by subscription_id, key_rejection_kind is null and dedupe_rank = 1
            order by valid_from
        ) as previous_valid_to,
        lag(valid_to_text) over (
            partition by subscription_id, key_rejection_kind is null and dedupe_rank = 1
            order by valid_from
        ) as previous_valid_to_text
    from ranked
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
-- DECISIONS 10, 47: billing_interval and a known currency only when amount > 0.
validated as (
    select
        versions_sequenced.*,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('status'),
            fault(
                'amount_native > 0 and billing_interval_text is null',
                'missing_required',
                "'billing_interval is missing (required when amount > 0)'"
            ),
            fault(
                'amount_native > 0 and currency_text is null',
                'missing_required',
                "'currency is missing (required when amount > 0)'"
            ),
            fault_timestamp('valid_to'),
            fault_number('amount', 'a decimal number', 'amount_native'),
            fault_number('seats', 'an integer'),
            fault_enum('status', statuses),
            fault(
                'billing_interval_text is not null and billing_interval is null',
                'unknown_enum',
                "'billing_interval ' || " ~ quote_value('billing_interval_text')
                    ~ " || ' is not one of month, monthly, year, yearly, annual'"
            ),
            fault(
                'amount_native > 0 and currency_text is not null and rate_currencies.rate_currency is null',
                'unknown_currency',
                "'currency ' || " ~ quote_value('currency_text')
                    ~ " || ' is not in the currency_rates seed'"
            ),
            fault(
                'amount_native < 0',
                'negative_amount',
                "'amount ' || " ~ quote_value('amount_text') ~ " || ' is negative'"
            ),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
            fault(
                'valid_to is not null and valid_to <= valid_from',
                'overlapping_subscription_version',
                "'subscription version of ' || subscription_id || ' from ' || cast(valid_from as "
                    ~ dbt.type_string() ~ ") || ' has valid_to ' || cast(valid_to as "
                    ~ dbt.type_string() ~ ") || ', not after its valid_from'"
            ),
            fault(
                'previous_valid_from is not null and (previous_valid_to_text is null'
                    ~ ' or valid_from < previous_valid_to)',
                'overlapping_subscription_version',
                "'subscription version from ' || cast(valid_from as " ~ dbt.type_string()
                    ~ ") || ' overlaps ' || subscription_id || ' from ' || cast(previous_valid_from as "
                    ~ dbt.type_string() ~ ") || ' (valid_to ' || coalesce(cast(previous_valid_to as "
                    ~ dbt.type_string() ~ "), 'null') || ')'"
            ),
        ]) }}
    from versions_sequenced
    left join clean_accounts
        on versions_sequenced.account_id = clean_accounts.parent_account_id
    left join rate_currencies
        on versions_sequenced.currency = rate_currencies.rate_currency
),

final as (
    select
        'subscriptions' as source_table,
        -- valid_from as an ISO 8601 UTC instant (as delivered when it does not parse)
        subscription_id || '|' || coalesce(
            {{ dbt.replace(
                field='cast(valid_from as ' ~ dbt.type_string() ~ ')', old_chars="' '", new_chars="'T'"
            ) }} || 'Z',
            valid_from_text,
            ''
        ) as record_key,
        {{ row_outcome(columns) }},
        subscription_id,
        account_id,
        plan_name,
        status,
        billing_interval,
        amount_native,
        currency,
        seats,
        valid_from,
        valid_to,
        _loaded_at
    from validated
)

select * from final
