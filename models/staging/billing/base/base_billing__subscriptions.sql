{#-
    Every raw subscription version row, parsed and deduplicated, with its outcome (see
    base_app__accounts). Key: (subscription_id, valid_from as a UTC instant),
    DECISIONS 4. Versions of one subscription must not overlap (DECISIONS 5, 49).
-#}
{%- set statuses = ['trialing', 'active', 'past_due', 'canceled'] -%}

{%- set parsed -%}
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
    {{ parse_timestamp('valid_to_text') }} as valid_to
{%- endset -%}

{#-
    DECISIONS 5, 49: each deduplicated version (kept or not) next to the version of
    the same subscription that starts immediately before it. A predecessor whose
    valid_to was delivered empty never ends; one whose valid_to does not parse is
    rejected itself and does not reject its successor.
-#}
{%- set versions_sequenced -%}
    {%- for column in ['valid_from', 'valid_to', 'valid_to_text'] %}
    lag({{ column }}) over (
        partition by subscription_id, key_rejection_kind is null and dedupe_rank = 1
        order by valid_from
    ) as previous_{{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endset -%}

{#- valid_from as an ISO 8601 UTC instant (as delivered when it does not parse) -#}
{%- set record_key -%}
    subscription_id || '|' || coalesce(
        {{ dbt.replace(
            field='cast(valid_from as ' ~ dbt.type_string() ~ ')', old_chars="' '", new_chars="'T'"
        ) }} || 'Z',
        valid_from_text,
        ''
    )
{%- endset -%}

{#- DECISIONS 10, 47: billing_interval and a known currency only when amount > 0. -#}
{{ base_model(
    'billing', 'subscriptions',
    columns=[
        'subscription_id', 'account_id', 'plan_name', 'status', 'billing_interval', 'amount',
        'currency', 'seats', 'valid_from', 'valid_to', '_loaded_at',
    ],
    required=['subscription_id', 'account_id', 'status', 'valid_from', '_loaded_at'],
    text_columns=['subscription_id', 'account_id'],
    parsed=parsed,
    key=['subscription_id', 'valid_from'],
    key_checks=[fault_timestamp('valid_from')],
    after_ranking={'versions_sequenced': versions_sequenced},
    checks=[
        fault(
            'amount_native > 0 and billing_interval_text is null',
            'missing_required',
            'billing_interval is missing (required when amount > 0)'
        ),
        fault(
            'amount_native > 0 and currency_text is null',
            'missing_required',
            'currency is missing (required when amount > 0)'
        ),
        fault_timestamp('valid_to'),
        fault_number('amount', 'a decimal number', 'amount_native'),
        fault_number('seats', 'an integer'),
        fault_enum('status', statuses),
        fault_unparseable(
            'billing_interval', 'unknown_enum', 'is not one of month, monthly, year, yearly, annual'
        ),
        fault_unknown_currency(when='amount_native > 0'),
        fault_negative('amount', 'amount_native'),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
        fault(
            'valid_to is not null and valid_to <= valid_from',
            'overlapping_subscription_version',
            'subscription version of {subscription_id} from {valid_from}'
                ~ ' has valid_to {valid_to}, not after its valid_from'
        ),
        fault(
            'previous_valid_from is not null'
                ~ ' and (previous_valid_to_text is null or valid_from < previous_valid_to)',
            'overlapping_subscription_version',
            'subscription version from {valid_from} overlaps {subscription_id}'
                ~ ' from {previous_valid_from} (valid_to {previous_valid_to})'
        ),
    ],
    record_key=record_key,
    final=['subscription_id', 'account_id', 'plan_name', 'status', 'billing_interval', 'amount_native', 'currency', 'seats', 'valid_from', 'valid_to'],
) }}
