{#-
    Fivetran Zendesk Support -> the raw contract's `tickets` rows (README,
    "Connectors"), read by base_support__tickets when `saas_kpis_support_source: fivetran_zendesk`.
    The account is the ticket organization's `saas_kpis_fivetran_zendesk_account_field` column; a
    ticket without one still reaches the audit: its account_id names the cause, which
    no clean account has (an orphan). The category comes from the ticket's type, one of
    its columns (a custom field) or the first of its tags in a configured list.
-#}
{%- set account_field = var('saas_kpis_fivetran_zendesk_account_field', 'external_id') -%}
{%- set category_source = var('saas_kpis_fivetran_zendesk_category_source', 'type') -%}
{%- set category_field = var('saas_kpis_fivetran_zendesk_category_field', none) -%}
{#- The category tags, lower case, as an SQL list. -#}
{%- set category_tags =
    var('saas_kpis_fivetran_zendesk_category_tags', []) | map('lower') | list -%}
{%- set category_tag_list = "'" ~ category_tags | join("', '") ~ "'" -%}
{%- if category_source not in ['type', 'field', 'tags'] -%}
    {{ connector_config_error(
        "The var saas_kpis_fivetran_zendesk_category_source is '" ~ category_source
        ~ "'; it must be one of: type, field, tags."
    ) }}
{%- endif -%}
{%- if category_source == 'field' and not category_field -%}
    {{ connector_config_error(
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

tickets as (
    select *
    from tickets_delivered
    where {{ connector_row_is_live() }}
),

-- Each ticket's category, from the configured source.
ticket_categories as (
    {% if category_source == 'tags' -%}
        -- the first tag of the configured list that the ticket carries
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
                            when '{{ tag }}' then {{ loop.index }}
                        {%- endfor %}
                    end asc
                ) as tag_rank
            from (
                select
                    {{- connector_columns(
                        source('fivetran_zendesk', 'ticket_tag'), 'fivetran_zendesk.ticket_tag',
                        {'ticket_id': 'text', 'tag': 'text'},
                        ['ticket_id', 'tag'],
                    ) }}
                from {{ source('fivetran_zendesk', 'ticket_tag') }}
            ) as tags_delivered
            where lower(tag) in ({{ category_tag_list }})
        ) as ranked_tags
        where tag_rank = 1
    {%- else -%}
        select
            id as ticket_id,
            {{ 'type' if category_source == 'type' else category_field }} as category
        from tickets
    {%- endif %}
),

tickets_mapped as (
    select
        tickets.id as ticket_id,
        tickets.requester_id as requester_user_id,
        tickets.priority,
        ticket_categories.category,
        tickets.created_at,
        tickets._fivetran_synced as _loaded_at,
        case
            when tickets.organization_id is null
                then 'zendesk ticket ' || tickets.id || ' without organization'
            when organizations.organization_id is null
                then 'zendesk organization ' || tickets.organization_id || ' unknown'
            when organizations.account_id is null
                then 'zendesk organization ' || tickets.organization_id
                    || ' without {{ account_field }}'
            else organizations.account_id
        end as account_id,
        -- Zendesk's channels; a voice call is the contract's phone
        case lower(tickets.via_channel)
            when 'voice' then 'phone'
            when 'native_messaging' then 'chat'
            else lower(tickets.via_channel)
        end as channel
    from tickets
    left join organizations
        on tickets.organization_id = organizations.organization_id
    left join ticket_categories
        on tickets.id = ticket_categories.ticket_id
),

final as (
    select
        {{ documented_columns() }}
    from tickets_mapped
)

select * from final
