{#-
    Segment -> the raw contract's `product_events` rows (README, "Connectors"), read by
    base_app__product_events when `saas_kpis_product_events_source: segment`.
      - One row per `tracks` call: its id, `event` (Segment's snake_case name of the
        event; `event_text` is the name as sent), `timestamp` (the event's own time,
        corrected for the device clock), `received_at` as the load time.
      - The user: `user_id`, or for an anonymous call the user that an `identifies`
        call tied its anonymous_id to. An event of no known user reaches the audit
        (user_id is missing).
      - The account (`saas_kpis_segment_account_source`): `groups` (the user's latest group call
        at or before the event, else the user's first one), or a column of tracks
        (e.g. context_group_id). An event without one reaches the audit: its
        account_id names the cause, which no clean account has.
      - The session: the `saas_kpis_segment_session_column` of tracks when set; else, as the
        Segment convention does, a user's next event more than
        `saas_kpis_segment_session_timeout_minutes` (30) after the previous one starts a new
        session (exactly 30 minutes later is the same session). A session is named
        after its first event.
    The session cut reads every event of a user: a view, recomputed on each run.
-#}
{%- set account_source = var('saas_kpis_segment_account_source', 'groups') -%}
{%- set session_column = var('saas_kpis_segment_session_column', none) -%}
{%- set timeout_seconds = var('saas_kpis_segment_session_timeout_minutes', 30) * 60 -%}
{%- set track_columns = {
    'id': 'text', 'user_id': 'text', 'anonymous_id': 'text', 'event': 'text',
    'timestamp': 'timestamp', 'received_at': 'timestamp',
} -%}
{%- if account_source != 'groups' -%}
    {%- do track_columns.update({account_source: 'text'}) -%}
{%- endif -%}
{%- if session_column -%}
    {%- do track_columns.update({session_column: 'text'}) -%}
{%- endif -%}

with

tracks_delivered as (
    select
        {{- connector_columns(
            source('segment', 'tracks'), 'segment.tracks', track_columns,
            ['id', 'event', 'timestamp', 'received_at']
                + ([account_source] if account_source != 'groups' else [])
                + ([session_column] if session_column else []),
        ) }}
    from {{ source('segment', 'tracks') }}
),

identifies_delivered as (
    select
        {{- connector_columns(
            source('segment', 'identifies'), 'segment.identifies',
            {'user_id': 'text', 'anonymous_id': 'text', 'timestamp': 'timestamp'},
            ['user_id', 'anonymous_id', 'timestamp'],
        ) }}
    from {{ source('segment', 'identifies') }}
),

-- Each anonymous_id's user: the latest identify call that named one.
anonymous_users as (
    select
        anonymous_id,
        user_id as identified_user_id
    from (
        select
            anonymous_id,
            user_id,
            row_number() over (
                partition by anonymous_id order by timestamp desc, user_id asc
            ) as identify_rank
        from identifies_delivered
        where anonymous_id is not null and user_id is not null
    ) as ranked_identifies
    where identify_rank = 1
),

tracks as (
    select
        tracks_delivered.*,
        coalesce(tracks_delivered.user_id, anonymous_users.identified_user_id) as resolved_user_id
    from tracks_delivered
    left join anonymous_users
        on tracks_delivered.anonymous_id = anonymous_users.anonymous_id
),

-- The account of each call.
event_accounts as (
    {% if account_source == 'groups' -%}
        -- the user's latest group call at or before the event; before the user's first
        -- group call, that first one
        select
            event_id,
            group_id as account_id
        from (
            select
                tracks.id as event_id,
                groups_delivered.group_id,
                row_number() over (
                    partition by tracks.id
                    order by
                        case
                            when groups_delivered.timestamp <= tracks.timestamp then 0 else 1
                        end asc,
                        case
                            when groups_delivered.timestamp <= tracks.timestamp
                                then groups_delivered.timestamp
                        end desc,
                        groups_delivered.timestamp asc,
                        groups_delivered.group_id asc
                ) as group_rank
            from tracks
            inner join (
                select
                    {{- connector_columns(
                        source('segment', 'groups'), 'segment.groups',
                        {'user_id': 'text', 'group_id': 'text', 'timestamp': 'timestamp'},
                        ['user_id', 'group_id', 'timestamp'],
                    ) }}
                from {{ source('segment', 'groups') }}
            ) as groups_delivered
                on tracks.resolved_user_id = groups_delivered.user_id
        ) as ranked_groups
        where group_rank = 1
    {%- else -%}
        select
            id as event_id,
            max({{ account_source }}) as account_id
        from tracks
        group by id
    {%- endif %}
),

-- The session of each call: the tracks column, or (DECISIONS 32 counts sessions) a
-- cut of each user's calls after the inactivity timeout.
event_sessions as (
    {% if session_column -%}
        select
            id as event_id,
            max({{ session_column }}) as session_id
        from tracks
        group by id
    {%- else -%}
        select
            id as event_id,
            first_value(id) over (
                partition by resolved_user_id, session_number
                order by timestamp, id
                rows between unbounded preceding and unbounded following
            ) as session_id
        from (
            select
                id,
                resolved_user_id,
                timestamp,
                sum(starts_session) over (
                    partition by resolved_user_id
                    order by timestamp, id
                    rows between unbounded preceding and current row
                ) as session_number
            from (
                select
                    id,
                    resolved_user_id,
                    timestamp,
                    case
                        when
                            lag(timestamp) over (
                                partition by resolved_user_id order by timestamp, id
                            ) is null
                            or {{ seconds_between(
                                'lag(timestamp) over (partition by resolved_user_id order by timestamp, id)',
                                'timestamp'
                            ) }} > {{ timeout_seconds }}
                            then 1
                        else 0
                    end as starts_session
                -- one copy of each call (Segment may deliver one twice)
                from (
                    select
                        id,
                        min(resolved_user_id) as resolved_user_id,
                        min(timestamp) as timestamp
                    from tracks
                    where resolved_user_id is not null
                    group by id
                ) as calls
            ) as calls_gapped
        ) as calls_numbered
    {%- endif %}
),

final as (
    select
        tracks.id as event_id,
        tracks.resolved_user_id as user_id,
        event_sessions.session_id,
        tracks.event as event_name,
        tracks.timestamp as occurred_at,
        tracks.received_at as _loaded_at,
        coalesce(
            event_accounts.account_id,
            case
                when tracks.resolved_user_id is null
                    then 'segment anonymous_id ' || tracks.anonymous_id || ' never identified'
                else 'segment user ' || tracks.resolved_user_id || ' without account'
            end
        ) as account_id
    from tracks
    left join event_accounts
        on tracks.id = event_accounts.event_id
    left join event_sessions
        on tracks.id = event_sessions.event_id
)

select * from final
