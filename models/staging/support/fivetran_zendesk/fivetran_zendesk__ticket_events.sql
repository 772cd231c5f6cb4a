{#-
    Fivetran Zendesk Support -> the raw contract's `ticket_events` rows (README,
    "Connectors"), read by base_support__ticket_events when
    `saas_kpis_support_source: fivetran_zendesk`:
      - comment: each ticket_comment, public or an internal note, by an agent (the
        author's role agent or admin), the customer (end-user) or the system;
      - status_change: each `status` row of ticket_field_history, except `new` (every
        ticket starts with one at creation; it is no status of the contract); `hold` is
        waiting on someone else, the contract's `pending`;
      - escalated: the escalation tag added (ticket_tag_history holds tag times;
        ticket_tag only the current tags), or a change to the escalation group;
      - satisfaction_rated: a `satisfaction_score` change to good or bad (`offered`
        is no rating).
    Event ids are prefixed by their kind, so that keys of different tables never meet.
-#}
{%- set escalation_tag = var('saas_kpis_fivetran_zendesk_escalation_tag', none) -%}
{%- set escalation_group_id = var('saas_kpis_fivetran_zendesk_escalation_group_id', none) -%}

with

comments_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'ticket_comment'), 'fivetran_zendesk.ticket_comment',
            {
                'id': 'text', 'ticket_id': 'text', 'user_id': 'text', 'public': 'boolean',
                'created': 'timestamp', '_fivetran_synced': 'timestamp',
                '_fivetran_deleted': 'boolean',
            },
            ['id', 'ticket_id', 'user_id', 'public', 'created', '_fivetran_synced'],
        ) }}
    from {{ source('fivetran_zendesk', 'ticket_comment') }}
),

field_history_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'ticket_field_history'),
            'fivetran_zendesk.ticket_field_history',
            {
                'ticket_id': 'text', 'field_name': 'text', 'value': 'text', 'user_id': 'text',
                'updated': 'timestamp', '_fivetran_synced': 'timestamp',
            },
            ['ticket_id', 'field_name', 'value', 'updated', '_fivetran_synced'],
        ) }}
    from {{ source('fivetran_zendesk', 'ticket_field_history') }}
),

users_delivered as (
    select
        {{- connector_columns(
            source('fivetran_zendesk', 'user'), 'fivetran_zendesk.user',
            {'id': 'text', 'role': 'text'},
            ['id', 'role'],
        ) }}
    from {{ source('fivetran_zendesk', 'user') }}
),

-- Zendesk roles -> the contract's actors; no known author is the system (triggers,
-- automations).
actors as (
    select
        id as user_id,
        case lower(role)
            when 'end-user' then 'customer'
            when 'agent' then 'agent'
            when 'admin' then 'agent'
        end as actor_type
    from users_delivered
),

field_changes as (
    select
        field_history_delivered.ticket_id,
        field_history_delivered.field_name,
        field_history_delivered.updated,
        field_history_delivered._fivetran_synced,
        lower(field_history_delivered.value) as field_value,
        coalesce(actors.actor_type, 'system') as actor_type
    from field_history_delivered
    left join actors
        on field_history_delivered.user_id = actors.user_id
),

-- Escalations: a change to the escalation group, or the escalation tag added (its
-- time is in ticket_tag_history; ticket_tag holds only the current tags).
escalations as (
    select
        'escalation_group:' || ticket_id || ':' || cast(updated as {{ dbt.type_string() }})
            as event_id,
        ticket_id,
        actor_type,
        updated,
        _fivetran_synced
    from field_changes
    where
        field_name = 'group_id'
        and {{ "field_value = '" ~ escalation_group_id ~ "'" if escalation_group_id is not none
            else '1 = 0' }}
    {%- if escalation_tag %}
        union all
        select
            'escalation_tag:' || ticket_id || ':' || cast(updated as {{ dbt.type_string() }})
                as event_id,
            ticket_id,
            'agent' as actor_type,
            updated,
            _fivetran_synced
        from (
            select
                {{- connector_columns(
                    source('fivetran_zendesk', 'ticket_tag_history'),
                    'fivetran_zendesk.ticket_tag_history',
                    {
                        'ticket_id': 'text', 'tag': 'text', 'updated': 'timestamp',
                        '_fivetran_synced': 'timestamp',
                    },
                    ['ticket_id', 'tag', 'updated', '_fivetran_synced'],
                ) }}
            from {{ source('fivetran_zendesk', 'ticket_tag_history') }}
        ) as tag_history
        where lower(tag) = lower('{{ escalation_tag }}')
    {%- endif %}
),

events as (
    select
        'comment:' || comments_delivered.id as event_id,
        comments_delivered.ticket_id,
        'comment' as event_type,
        coalesce(actors.actor_type, 'system') as actor_type,
        comments_delivered.public as is_public,
        cast(null as {{ dbt.type_string() }}) as new_status,
        cast(null as {{ dbt.type_string() }}) as satisfaction,
        comments_delivered.created as occurred_at,
        comments_delivered._fivetran_synced as _loaded_at
    from comments_delivered
    left join actors
        on comments_delivered.user_id = actors.user_id
    where {{ connector_row_is_live('comments_delivered._fivetran_deleted') }}
    union all
    select
        'status:' || ticket_id || ':' || cast(updated as {{ dbt.type_string() }}) as event_id,
        ticket_id,
        'status_change' as event_type,
        actor_type,
        cast(null as boolean) as is_public,
        case field_value when 'hold' then 'pending' else field_value end as new_status,
        cast(null as {{ dbt.type_string() }}) as satisfaction,
        updated as occurred_at,
        _fivetran_synced as _loaded_at
    from field_changes
    where field_name = 'status' and field_value != 'new'
    union all
    select
        'satisfaction:' || ticket_id || ':' || cast(updated as {{ dbt.type_string() }}) as event_id,
        ticket_id,
        'satisfaction_rated' as event_type,
        actor_type,
        cast(null as boolean) as is_public,
        cast(null as {{ dbt.type_string() }}) as new_status,
        -- newer accounts rate `good_with_comment` / `bad_with_comment`
        case
            when field_value like 'good%' then 'good'
            when field_value like 'bad%' then 'bad'
        end as satisfaction,
        updated as occurred_at,
        _fivetran_synced as _loaded_at
    from field_changes
    where
        field_name = 'satisfaction_score'
        and (field_value like 'good%' or field_value like 'bad%')
    union all
    select
        event_id,
        ticket_id,
        'escalated' as event_type,
        actor_type,
        cast(null as boolean) as is_public,
        cast(null as {{ dbt.type_string() }}) as new_status,
        cast(null as {{ dbt.type_string() }}) as satisfaction,
        updated as occurred_at,
        _fivetran_synced as _loaded_at
    from escalations
)

select * from events
