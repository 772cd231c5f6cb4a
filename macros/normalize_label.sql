{#-
    DECISIONS 9, 51, 63: the normalization of channel-like labels: trimmed,
    lower-cased, every space and hyphen turned into `_` (`Mid-Market`, `MID MARKET`
    -> `mid_market`; `Paid Search` -> `paid_search`). Empty -> null. Each character
    is replaced on its own (`a - b` -> `a___b`), as the decision words it.
-#}
{% macro normalize_label(text) -%}
    nullif({{ regexp_replace_all('lower(trim(' ~ text ~ '))', '[ -]', '_') }}, '')
{%- endmacro %}
