{#-
    The outcome columns of a base model's last step, from the pre-deduplication fault
    (`key_rejection_*`), the dedupe rank (`dedupe_rank`) and the winner's fault
    (`rejection_*`): `row_outcome` is `clean`, `rejected` or `duplicate` (a losing copy,
    DECISIONS 3); only rejected rows keep their kind, reason and raw record, the
    delivered `columns` (`<prefix><column>`, see clean_columns) as JSON.
-#}
{% macro row_outcome(columns, prefix='raw_') -%}
    case
        when key_rejection_kind is not null then 'rejected'
        when dedupe_rank > 1 then 'duplicate'
        when rejection_kind is not null then 'rejected'
        else 'clean'
    end as row_outcome,
    case
        when key_rejection_kind is not null then key_rejection_kind
        when dedupe_rank = 1 then rejection_kind
    end as rejection_kind,
    case
        when key_rejection_kind is not null then key_rejection_reason
        when dedupe_rank = 1 then rejection_reason
    end as rejection_reason,
    case
        when key_rejection_kind is not null or (dedupe_rank = 1 and rejection_kind is not null)
            then {{ row_to_json(columns, prefix) }}
    end as raw_record
{%- endmacro %}
