{#-
    DECISIONS 9, 51, 63: the normalization of channel-like labels: lower-cased, every
    space and hyphen turned into `_` (`Mid-Market`, `MID MARKET` -> `mid_market`;
    `Paid Search` -> `paid_search`). Expects cleaned text (clean_text: trimmed, empty ->
    null). Each character is replaced on its own (`a - b` -> `a___b`), as the decision
    words it.
-#}
{% macro normalize_label(text) -%}
    {{ regexp_replace_all('lower(' ~ text ~ ')', '[ -]', '_') }}
{%- endmacro %}
