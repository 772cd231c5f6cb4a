{#-
    Every raw survey response row, parsed and deduplicated, with its outcome (see
    base_app__accounts). A row is answered when responded_at is set; only answered
    rows need a score on their type's scale (DECISIONS 12) and, for cxi and
    resource_rating, a question_key (DECISIONS 56, 65). Unanswered rows keep a null
    score whatever was entered.
-#}
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

{%- set parsed -%}
    {{ normalize_enum('survey_type_text') }} as survey_type,
    lower(question_key_text) as question_key,
    -- DECISIONS 9, 51: null -> unknown, other values normalized like channels.
    coalesce({{ normalize_label('touchpoint_text') }}, 'unknown') as touchpoint,
    {{ parse_integer('score_text') }} as score_value,
    case {{ normalize_enum('survey_type_text') }} {{ scale_min_whens | join(' ') }} end as scale_min,
    case {{ normalize_enum('survey_type_text') }} {{ scale_max_whens | join(' ') }} end as scale_max,
    {{ parse_timestamp('sent_at_text') }} as sent_at,
    {{ parse_timestamp('responded_at_text') }} as responded_at
{%- endset -%}

{%- set final -%}
    response_id,
    account_id,
    user_id,
    survey_type,
    question_key,
    touchpoint,
    -- DECISIONS 12: the score of an unanswered row is ignored.
    case when responded_at is not null then score_value end as score,
    comment,
    sent_at,
    responded_at
{%- endset -%}

{%- set answered = 'responded_at is not null and ' -%}

{{ base_model(
    'surveys', 'survey_responses',
    columns=[
        'response_id', 'account_id', 'user_id', 'survey_type', 'question_key', 'touchpoint',
        'score', 'comment', 'sent_at', 'responded_at', '_loaded_at',
    ],
    required=['response_id', 'account_id', 'survey_type', '_loaded_at'],
    text_columns=['response_id', 'account_id', 'user_id', 'comment'],
    parsed=parsed,
    key=['response_id'],
    checks=[
        fault(
            answered ~ "survey_type in ('cxi', 'resource_rating') and question_key is null",
            'missing_required',
            'question_key is missing on an answered {survey_type} response'
        ),
        fault_timestamp('sent_at'),
        fault_timestamp('responded_at'),
        fault_enum('survey_type', scales.keys() | list),
        fault(
            answered ~ "survey_type = 'cxi' and question_key is not null and not "
                ~ enum_value_in('question_key', cxi_components),
            'unknown_enum',
            "question_key '{question_key_text}' is not a cxi component ("
                ~ cxi_components | join(', ') ~ ")"
        ),
        fault(
            answered ~ 'score_text is null',
            'out_of_range_score',
            'score is missing on an answered {survey_type} response'
        ),
        fault(
            answered ~ 'score_text is not null and score_value is null',
            'out_of_range_score',
            "score '{score_text}' is not an integer on the {scale_min}-{scale_max} scale of {survey_type}"
        ),
        fault(
            answered ~ '(score_value < scale_min or score_value > scale_max)',
            'out_of_range_score',
            'score {score_text} is outside {scale_min}-{scale_max} for {survey_type}'
        ),
        fault_orphan('account_id', 'stg_app__accounts', 'accounts'),
    ],
    final=final,
) }}
