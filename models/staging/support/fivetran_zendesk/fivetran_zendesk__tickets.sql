{#-
    Fivetran Zendesk Support -> the raw contract's `tickets` rows (README,
    "Connectors"), read by base_support__tickets when `support_source: fivetran_zendesk`.
    The account is the ticket organization's `fivetran_zendesk_account_field` column; a
    ticket without one still reaches the audit: its account_id names the cause, which
    no clean account has (an orphan). The category comes from the ticket's type, one of
    its columns (a custom field) or the first of its tags in a configured list.
-#}
{%- set account_field = var('fivetran_zendesk_account_field', 'external_id') -%}
{%- set category_source = var('fivetran_zendesk_category_source', 'type') -%}
{%- set category_field = var('fivetran_zendesk_category_field', none) -%}
{%- set category_tags = var('fivetran_zendesk_category_tags', []) -%}
{%- if category_source not in ['type', 'field', 'tags'] -%}
    {{ exceptions.raise_compiler_error(
        "The var fivetran_zendesk_category_source is '" ~ category_source
        ~ "'; it must be one of: type, field, tags."
    ) }}
{%- endif -%}
{%- if category_source == 'field' and not category_field -%}
    {{ exceptions.raise_compiler_error(
        "fivetran_zendesk_category_source is 'field': set fivetran_zendesk_category_field"
        ~ " to the ticket column holding the category (e.g. custom_issue_type)."
    ) }}
{%- endif -%}
{%- set ticket_columns = {
    'id': 'text', 'organization_id': 'text', 'requester_id': 'text', 'via_channel': 'text',
    'priority': 'text', 'type': 'text', 'created_at': 'timestamp',
    '_fivetran_synced': 'timestamp', '_fivetran_deleted': 'boolean',
} -%}
{%- if category_source == 'field' -%}
    {%- do ticket_columns.update({category_field: 'text'}) -%}
{%- endif -%}

with

tickets_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'ticket'), 'fivetran_zendesk.ticket', ticket_columns,
            ['id', 'organization_id', 'created_at', '_fivetran_synced']
                + ([category_field] if category_source == 'field' else []),
        ) }}
    from {{ source('fivetran_zendesk', 'ticket') }}
),

organizations_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'organization'), 'fivetran_zendesk.organization',
            {'id': 'text', account_field: 'text', '_fivetran_deleted': 'boolean'},
            ['id', account_field],
        ) }}
    from {{ source('fivetran_zendesk', 'organization') }}
),

organizations as (
    select
        id as organization_id,
        {{ account_field }} as account_id
    from organizations_delivered
    where {{ connector_row_is_live() }}
),

{% if category_source == 'tags' -%}
tags_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'ticket_tag'), 'fivetran_zendesk.ticket_tag',
            {'ticket_id': 'text', 'tag': 'text'},
            ['ticket_id', 'tag'],
        ) }}
    from {{ source('fivetran_zendesk', 'ticket_tag') }}
),

-- The first tag of the configured list that the ticket carries.
tag_categories as (
    select
        ticket_id,
        tag as category
    from (
        select
            ticket_id,
            tag,
            row_number() over (
                partition by ticket_id
                order by case lower(tag)
                    {%- for tag in category_tags %}
                    when '{{ tag | lower }}' then {{ loop.index }}
                    {%- endfor %}
                end
            ) as tag_rank
        from tags_delivered
        where lower(tag) in ('{{ category_tags | map("lower") | join("', '") }}')
    ) as ranked_tags
    where tag_rank = 1
),
{%- endif %}

tickets as (
    select *
    from tickets_delivered
    where {{ connector_row_is_live() }}
),

final as (
    select
        tickets.id as ticket_id,
        case
            when tickets.organization_id is null
                then 'zendesk ticket ' || tickets.id || ' without organization'
            when organizations.organization_id is null
                then 'zendesk organization ' || tickets.organization_id || ' unknown'
            else coalesce(
                organizations.account_id,
                'zendesk organization ' || tickets.organization_id || ' without {{ account_field }}'
            )
        end as account_id,
        tickets.requester_id as requester_user_id,
        -- Zendesk's channels; a voice call is the contract's phone
        case lower(tickets.via_channel)
            when 'voice' then 'phone'
            when 'native_messaging' then 'chat'
            else lower(tickets.via_channel)
        end as channel,
        tickets.priority,
        {% if category_source == 'type' -%}
        tickets.type as category,
        {%- elif category_source == 'field' -%}
        tickets.{{ category_field }} as category,
        {%- else -%}
        tag_categories.category,
        {%- endif %}
        tickets.created_at,
        tickets._fivetran_synced as _loaded_at
    from tickets
    left join organizations
        on tickets.organization_id = organizations.organization_id
    {% if category_source == 'tags' -%}
    left join tag_categories
        on tickets.id = tag_categories.ticket_id
    {%- endif %}
)

select * from final
