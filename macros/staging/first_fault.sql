{#-
    The rejection of a row: its first fault by the precedence of `rejection_kinds()`
    (DECISIONS 8), whatever order the checks are listed in. `checks` is a list of
    check objects built with `fault(condition, kind, reason)` (or the `fault_*`
    helpers); renders two columns, `<prefix>rejection_kind` and
    `<prefix>rejection_reason`, null when no check fires.
-#}
{% macro first_fault(checks, prefix='') -%}
    {%- set kinds = rejection_kinds() -%}
    {%- for check in checks if check.kind not in kinds -%}
        {{ exceptions.raise_compiler_error("Unknown rejection kind " ~ check.kind) }}
    {%- endfor -%}
    {%- set ordered = [] -%}
    {%- for kind in kinds -%}
        {%- for check in checks if check.kind == kind -%}
            {%- do ordered.append(check) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set kind_whens = [] -%}
    {%- set reason_whens = [] -%}
    {%- for check in ordered -%}
        {%- do kind_whens.append('when ' ~ check.condition ~ " then '" ~ check.kind ~ "'") -%}
        {%- do reason_whens.append('when ' ~ check.condition ~ ' then ' ~ check.reason) -%}
    {%- endfor %}
    case
        {{ kind_whens | join('\n        ') }}
    end as {{ prefix }}rejection_kind,
    case
        {{ reason_whens | join('\n        ') }}
    end as {{ prefix }}rejection_reason
{%- endmacro %}
