{#-
    Fivetran Stripe -> the raw contract's `subscriptions` rows (README, "Connectors"),
    read by base_billing__subscriptions when `saas_kpis_billing_source: fivetran_stripe`.

    Stripe keeps no price history on the subscription: subscription_history (history
    mode) carries status and dates, subscription_item only the current items. So a
    version starts wherever either changes:
      - a status point, from subscription_history, at the instant Stripe records for
        it (trial_start, trial_end, ended_at; the sync that observed it otherwise),
        plus a scheduled cancellation (cancel_at / cancel_at_period_end) of the
        current history row;
      - a price point, from invoice lines: the start of each invoiced subscription
        period, and of each positive proration (a mid-period change), with the line's
        price, quantity, interval and interval count.
    Each version takes the status and the price in effect at its start; consecutive
    identical versions are merged. The rest (rejection, dedupe, MRR) is staging's.
-#}
{#- The currencies whose Stripe amounts are whole units, as an SQL list. -#}
{%- set zero_decimal_currencies =
    "'" ~ var('saas_kpis_fivetran_stripe_zero_decimal_currencies') | join("', '") ~ "'" -%}
{%- set metadata_key = var('saas_kpis_fivetran_stripe_account_metadata_key', 'account_id') -%}
{%- set account_mapping = var('saas_kpis_fivetran_stripe_account_mapping', none) -%}
{#- A version's state as one text, to merge consecutive identical versions. -#}
{%- set state_text -%}
    customer_id || '|' || status || '|' || coalesce(plan_name, '') || '|'
    || coalesce(billing_interval, '') || '|' || coalesce(cast(amount as {{ dbt.type_string() }}), '')
    || '|' || coalesce(currency, '') || '|' || coalesce(cast(seats as {{ dbt.type_string() }}), '')
{%- endset -%}

with

history_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'subscription_history'),
            'fivetran_stripe.subscription_history',
            {
                'id': 'text', 'customer_id': 'text', 'status': 'text',
                'start_date': 'timestamp', 'created': 'timestamp',
                'trial_start': 'timestamp', 'trial_end': 'timestamp',
                'cancel_at': 'timestamp', 'cancel_at_period_end': 'boolean',
                'canceled_at': 'timestamp', 'ended_at': 'timestamp',
                'current_period_end': 'timestamp',
                '_fivetran_start': 'timestamp', '_fivetran_end': 'timestamp',
                '_fivetran_active': 'boolean', '_fivetran_synced': 'timestamp',
                '_fivetran_deleted': 'boolean',
            },
            ['id', 'customer_id', 'status', '_fivetran_start', '_fivetran_synced'],
        ) }}
    from {{ source('fivetran_stripe', 'subscription_history') }}
),

lines_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'invoice_line_item'),
            'fivetran_stripe.invoice_line_item',
            {
                'id': 'text', 'invoice_id': 'text', 'subscription_id': 'text',
                'price_id': 'text', 'plan_id': 'text', 'type': 'text',
                'proration': 'boolean', 'amount': 'number', 'currency': 'text',
                'quantity': 'number', 'period_start': 'timestamp', 'period_end': 'timestamp',
                '_fivetran_synced': 'timestamp', '_fivetran_deleted': 'boolean',
            },
            ['id', 'invoice_id', 'subscription_id', 'amount', 'currency', 'period_start',
                '_fivetran_synced'],
        ) }}
    from {{ source('fivetran_stripe', 'invoice_line_item') }}
),

invoices_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'invoice'),
            'fivetran_stripe.invoice',
            {'id': 'text', 'status': 'text', 'is_deleted': 'boolean', '_fivetran_deleted': 'boolean'},
            ['id', 'status'],
        ) }}
    from {{ source('fivetran_stripe', 'invoice') }}
),

prices_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'price'),
            'fivetran_stripe.price',
            {
                'id': 'text', 'product_id': 'text', 'nickname': 'text', 'unit_amount': 'number',
                'recurring_interval': 'text', 'recurring_interval_count': 'number',
            },
            ['id', 'recurring_interval'],
        ) }}
    from {{ source('fivetran_stripe', 'price') }}
),

products_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'product'),
            'fivetran_stripe.product',
            {'id': 'text', 'name': 'text'},
            ['id', 'name'],
        ) }}
    from {{ source('fivetran_stripe', 'product') }}
),

customers_delivered as (
    select
        {{- connector_columns(
            source('fivetran_stripe', 'customer'),
            'fivetran_stripe.customer',
            {'id': 'text', 'metadata': 'text', '_fivetran_deleted': 'boolean'},
            ['id'],
        ) }}
    from {{ source('fivetran_stripe', 'customer') }}
),

{% if account_mapping -%}
-- The team's own customer -> account mapping (a seed or model), before the metadata.
    account_mapping as (
        select
            cast(customer_id as {{ dbt.type_string() }}) as mapped_customer_id,
            cast(account_id as {{ dbt.type_string() }}) as mapped_account_id
        from {{ ref(account_mapping) }}
    ),
{%- endif %}

-- Customer -> account. A customer without one still reaches the audit: its versions
-- carry an account_id naming the cause, which no clean account has (an orphan).
customer_accounts as (
    select
        customers_delivered.id as customer_id,
        coalesce(
            {% if account_mapping -%}
                account_mapping.mapped_account_id,
            {% endif -%}
            {{ json_text_value('customers_delivered.metadata', metadata_key) }},
            'stripe customer ' || customers_delivered.id || ' without metadata {{ metadata_key }}'
        ) as account_id
    from customers_delivered
    {% if account_mapping -%}
        left join account_mapping
            on customers_delivered.id = account_mapping.mapped_customer_id
    {% endif -%}
    where {{ connector_row_is_live() }}
),

history as (
    select
        id as subscription_id,
        customer_id,
        -- Stripe's `unpaid` is the end of dunning: still owed, not paid (past_due).
        -- incomplete, incomplete_expired and paused are not contract statuses: they
        -- reach the audit as unknown_enum.
        case lower(status) when 'unpaid' then 'past_due' else lower(status) end as status,
        start_date,
        created,
        trial_start,
        trial_end,
        cancel_at,
        cancel_at_period_end,
        canceled_at,
        ended_at,
        current_period_end,
        _fivetran_start,
        _fivetran_synced,
        lag(case lower(status) when 'unpaid' then 'past_due' else lower(status) end) over (
            partition by id order by _fivetran_start
        ) as previous_status,
        row_number() over (partition by id order by _fivetran_start) as history_rank,
        -- The row in effect now. `_fivetran_end` is inclusive (the next row starts
        -- 1 ms later), and the current row's is the far future, 9999-12-31 23:59:59.999:
        -- where the schema has no `_fivetran_active`, that end tells the current row.
        coalesce(
            _fivetran_active,
            _fivetran_end >= cast('9999-12-31 00:00:00' as {{ dbt.type_timestamp() }})
        ) as is_current_row
    from history_delivered
    where {{ connector_row_is_live() }}
),

-- When each status began. The first history row may describe a subscription that
-- began before history mode: its trial and paid start come from its own dates.
status_points as (
    -- a trial starts
    select
        subscription_id,
        customer_id,
        coalesce(trial_start, start_date, _fivetran_start) as changed_at,
        'trialing' as status,
        _fivetran_synced as loaded_at
    from history
    where
        (status = 'trialing' and coalesce(previous_status, '') != 'trialing')
        or (history_rank = 1 and status != 'trialing' and trial_start is not null)
    union all
    -- paid service starts: when the trial ends, or when the subscription starts
    select
        subscription_id,
        customer_id,
        case
            when previous_status = 'trialing' or trial_end is not null
                then coalesce(trial_end, _fivetran_start)
            else coalesce(start_date, created, _fivetran_start)
        end as changed_at,
        'active' as status,
        _fivetran_synced as loaded_at
    from history
    where
        (status = 'active' and previous_status = 'trialing')
        or (
            history_rank = 1
            and status not in ('trialing', 'incomplete', 'incomplete_expired')
            -- a trial canceled at its end never paid
            and not (status = 'canceled' and ended_at <= coalesce(trial_end, start_date))
        )
    union all
    -- any other change of status; a cancellation at the instant it took effect
    select
        subscription_id,
        customer_id,
        case
            when status = 'canceled' then coalesce(ended_at, canceled_at, _fivetran_start)
            else _fivetran_start
        end as changed_at,
        status,
        _fivetran_synced as loaded_at
    from history
    where
        (status not in ('trialing', 'active') and coalesce(previous_status, '') != status)
        or (status = 'active' and previous_status not in ('trialing', 'active'))
    union all
    -- a cancellation scheduled on the current row (at period end, or at cancel_at)
    select
        subscription_id,
        customer_id,
        coalesce(cancel_at, current_period_end) as changed_at,
        'canceled' as status,
        _fivetran_synced as loaded_at
    from history
    where
        is_current_row
        and status not in ('canceled', 'incomplete', 'incomplete_expired')
        and (cancel_at_period_end or cancel_at is not null)
),

-- One status per instant (the latest observed), then each status until the next.
status_segments as (
    select
        subscription_id,
        customer_id,
        changed_at,
        status,
        loaded_at,
        lead(changed_at) over (partition by subscription_id order by changed_at) as changed_until
    from (
        select
            *,
            row_number() over (
                partition by subscription_id, changed_at order by loaded_at desc, status asc
            ) as point_rank
        from status_points
        where changed_at is not null
    ) as ranked_points
    where point_rank = 1
),

-- Invoiced subscription periods, and positive prorations (the part of a period after
-- a mid-period change, at the new price): what the subscription cost from when.
-- Negative prorations (unused time at the old price) and draft or void invoices are
-- not prices.
invoiced_lines as (
    select
        lines_delivered.subscription_id,
        lines_delivered.period_start as changed_at,
        coalesce(lines_delivered.proration, false) as is_proration,
        upper(lines_delivered.currency) as currency,
        -- the full price per interval (a proration's own amount is a part of it);
        -- Stripe amounts are in the currency's minor unit
        coalesce(prices.unit_amount * lines_delivered.quantity, lines_delivered.amount)
        / case
            when upper(lines_delivered.currency) in ({{ zero_decimal_currencies }}) then 1
            else 100
        end as amount_per_interval,
        lines_delivered.quantity,
        lower(prices.recurring_interval) as recurring_interval,
        coalesce(prices.recurring_interval_count, 1) as recurring_interval_count,
        coalesce(products.name, prices.nickname) as plan_name,
        lines_delivered._fivetran_synced as loaded_at
    from lines_delivered
    inner join invoices_delivered
        on lines_delivered.invoice_id = invoices_delivered.id
    left join prices_delivered as prices
        on coalesce(lines_delivered.price_id, lines_delivered.plan_id) = prices.id
    left join products_delivered as products
        on prices.product_id = products.id
    where
        {{ connector_row_is_live('lines_delivered._fivetran_deleted') }}
        and {{ connector_row_is_live('invoices_delivered._fivetran_deleted') }}
        and not coalesce(invoices_delivered.is_deleted, false)
        and lower(invoices_delivered.status) not in ('draft', 'void')
        and lines_delivered.subscription_id is not null
        and (lower(lines_delivered.type) = 'subscription' or lines_delivered.proration)
        and lines_delivered.amount >= 0
),

-- One price per subscription and period start: the items of the period summed (one
-- interval per subscription in Stripe), named after its largest item; an invoiced
-- period wins over a proration starting at the same instant.
price_points as (
    select
        subscription_id,
        changed_at,
        plan_name,
        currency,
        seats,
        loaded_at,
        -- monthly and yearly as they are; other interval counts (a quarter is 3
        -- months) and weeks or days as the equivalent price per month or year
        case when recurring_interval = 'month' then 'month' else 'year' end as billing_interval,
        amount_total
        * case recurring_interval when 'week' then 52 when 'day' then 365 else 1 end
        / recurring_interval_count as amount
    from (
        select
            subscription_id,
            changed_at,
            is_proration,
            currency,
            recurring_interval,
            recurring_interval_count,
            plan_name,
            sum(amount_per_interval) over (
                partition by subscription_id, changed_at, is_proration
            ) as amount_total,
            sum(quantity) over (partition by subscription_id, changed_at, is_proration) as seats,
            max(loaded_at) over (
                partition by subscription_id, changed_at, is_proration
            ) as loaded_at,
            row_number() over (
                partition by subscription_id, changed_at
                order by is_proration asc, amount_per_interval desc, plan_name asc
            ) as line_rank
        from invoiced_lines
        where changed_at is not null
    ) as ranked_lines
    where line_rank = 1
),

price_segments as (
    select
        *,
        lead(changed_at) over (partition by subscription_id order by changed_at) as changed_until
    from price_points
),

first_statuses as (
    select
        subscription_id,
        min(changed_at) as first_status_at
    from status_segments
    group by subscription_id
),

boundaries as (
    select
        subscription_id,
        changed_at
    from status_segments
    union
    select
        price_segments.subscription_id,
        price_segments.changed_at
    from price_segments
    -- a price before the first status (an invoice line without history) starts nothing
    inner join first_statuses
        on
            price_segments.subscription_id = first_statuses.subscription_id
            and price_segments.changed_at >= first_statuses.first_status_at
),

-- Each boundary with the status and the price in effect at that instant.
states as (
    select
        boundaries.subscription_id,
        status_segments.customer_id,
        boundaries.changed_at as valid_from,
        status_segments.status,
        price_segments.plan_name,
        price_segments.billing_interval,
        -- a trial or a cancellation pays nothing (the plan and seats stay known)
        case
            when status_segments.status in ('active', 'past_due') then price_segments.amount
        end as amount,
        price_segments.currency,
        cast(price_segments.seats as {{ dbt.type_int() }}) as seats,
        case
            when price_segments.loaded_at > status_segments.loaded_at
                then price_segments.loaded_at
            else status_segments.loaded_at
        end as loaded_at
    from boundaries
    inner join status_segments
        on
            boundaries.subscription_id = status_segments.subscription_id
            and boundaries.changed_at >= status_segments.changed_at
            and (
                status_segments.changed_until is null
                or boundaries.changed_at < status_segments.changed_until
            )
    left join price_segments
        on
            boundaries.subscription_id = price_segments.subscription_id
            and boundaries.changed_at >= price_segments.changed_at
            and (
                price_segments.changed_until is null
                or boundaries.changed_at < price_segments.changed_until
            )
),

-- A renewal invoice at the same price starts no new version.
states_compared as (
    select
        *,
        lag({{ state_text }}) over (
            partition by subscription_id order by valid_from
        ) as previous_state
    from states
),

versions as (
    select
        *,
        lead(valid_from) over (partition by subscription_id order by valid_from) as valid_to
    from states_compared
    where previous_state is null or previous_state != {{ state_text }}
),

-- The account of each version (an unknown customer names the cause, like one
-- without an account).
versions_accounted as (
    select
        versions.*,
        coalesce(
            customer_accounts.account_id,
            'stripe customer ' || versions.customer_id || ' not in the customer table'
        ) as account_id
    from versions
    left join customer_accounts
        on versions.customer_id = customer_accounts.customer_id
),

final as (
    select
        subscription_id,
        account_id,
        plan_name,
        status,
        billing_interval,
        amount,
        currency,
        seats,
        valid_from,
        valid_to,
        loaded_at as _loaded_at
    from versions_accounted
)

select * from final
