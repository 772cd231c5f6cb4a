{#-
    Every raw survey response row, parsed and deduplicated, with its outcome (see
    base_app__accounts). A row is answered when responded_at is set; only answered
    rows need a score on their type's scale (DECISIONS 12) and, for cxi and
    resource_rating, a question_key (DECISIONS 56, 65). Unanswered rows keep a null
    score whatever was entered.
-#}
{%- set columns = [
    'response_id', 'account_id', 'user_id', 'survey_type', 'question_key', 'touchpoint',
    'score', 'comment', 'sent_at', 'responded_at', '_loaded_at',
] -%}
{%- set required = ['response_id', 'account_id', 'survey_type', '_loaded_at'] -%}
{#- survey type -> (lowest, highest) score -#}
{%- set scales = {
    'nps': [0, 10], 'csat': [1, 5], 'ces': [1, 7], 'cxi': [1, 5], 'resource_rating': [1, 5],
} -%}
{%- set scale_min_whens = [] -%}
{%- set scale_max_whens = [] -%}
{%- for survey_type, scale in scales.items() -%}
    {%- do scale_min_whens.append("when '" ~ survey_type ~ "' then " ~ scale[0]) -%}
    {%- do scale_max_whens.append("when '" ~ survey_type ~ "' then " ~ scale[1]) -%}
{%- endfor -%}
{%- set cxi_components = ['effort', 'empathy', 'understanding', 'efficiency'] -%}

with

source as (
    select * from {{ source('surveys', 'survey_responses') }}
),

clean_accounts as (
    select account_id as parent_account_id from {{ ref('stg_app__accounts') }}
),

-- Every column as text, as delivered: the loader's types are never trusted.
delivered as (
    select
        {{- raw_columns_as_text(
            source('surveys', 'survey_responses'), 'surveys.survey_responses', columns, required
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
        response_id_text as response_id,
        account_id_text as account_id,
        user_id_text as user_id,
        {{ normalize_enum('survey_type_text') }} as survey_type,
        lower(question_key_text) as question_key,
        -- DECISIONS 9, 51: null -> unknown, other values normalized like channels.
        coalesce({{ normalize_label('touchpoint_text') }}, 'unknown') as touchpoint,
        {{ parse_integer('score_text') }} as score_value,
        case {{ normalize_enum('survey_type_text') }}
            {{ scale_min_whens | join(' ') }}
        end as scale_min,
        case {{ normalize_enum('survey_type_text') }}
            {{ scale_max_whens | join(' ') }}
        end as scale_max,
        {{ parse_timestamp('sent_at_text') }} as sent_at,
        {{ parse_timestamp('responded_at_text') }} as responded_at,
        {{ parse_timestamp('_loaded_at_text') }} as _loaded_at
    from cleaned
),

-- DECISIONS 3, 44: a row without a usable key or _loaded_at is rejected before
-- deduplication; the others are ranked per key.
ranked as (
    select
        *,
        {{ first_fault([
            fault_missing('response_id'),
            fault_missing('_loaded_at'),
            fault_timestamp('_loaded_at'),
        ], prefix='key_') }},
        {{ dedupe_row_number(['response_id', '_loaded_at is null']) }} as dedupe_rank
    from parsed
),

-- Only the winner is validated (DECISIONS 3); first fault by DECISIONS 8.
validated as (
    select
        ranked.*,
        {{ first_fault([
            fault_missing('account_id'),
            fault_missing('survey_type'),
            fault(
                "responded_at is not null and survey_type in ('cxi', 'resource_rating')"
                    ~ " and question_key is null",
                'missing_required',
                "'question_key is missing on an answered ' || survey_type || ' response'"
            ),
            fault_timestamp('sent_at'),
            fault_timestamp('responded_at'),
            fault_enum('survey_type', scales.keys() | list),
            fault(
                "responded_at is not null and survey_type = 'cxi' and question_key is not null and not "
                    ~ enum_value_in('question_key', cxi_components),
                'unknown_enum',
                "'question_key ' || " ~ quote_value('question_key_text')
                    ~ " || ' is not a cxi component (" ~ cxi_components | join(', ') ~ ")'"
            ),
            fault(
                'responded_at is not null and score_text is null',
                'out_of_range_score',
                "'score is missing on an answered ' || survey_type || ' response'"
            ),
            fault(
                'responded_at is not null and score_text is not null and score_value is null',
                'out_of_range_score',
                "'score ' || " ~ quote_value('score_text') ~ " || ' is not an integer on the '"
                    ~ " || cast(scale_min as " ~ dbt.type_string() ~ ") || '-' || cast(scale_max as "
                    ~ dbt.type_string() ~ ") || ' scale of ' || survey_type"
            ),
            fault(
                'responded_at is not null and (score_value < scale_min or score_value > scale_max)',
                'out_of_range_score',
                "'score ' || score_text || ' is outside ' || cast(scale_min as "
                    ~ dbt.type_string() ~ ") || '-' || cast(scale_max as " ~ dbt.type_string()
                    ~ ") || ' for ' || survey_type"
            ),
            fault_orphan('account_id', 'clean_accounts', 'parent_account_id', 'accounts'),
        ]) }}
    from ranked
    left join clean_accounts
        on ranked.account_id = clean_accounts.parent_account_id
),

final as (
    select
        'survey_responses' as source_table,
        response_id as record_key,
        {{ row_outcome(columns) }},
        response_id,
        account_id,
        user_id,
        survey_type,
        question_key,
        touchpoint,
        -- DECISIONS 12: the score of an unanswered row is ignored.
        case when responded_at is not null then score_value end as score,
        comment_text as comment,
        sent_at,
        responded_at,
        _loaded_at
    from validated
)

select * from final
