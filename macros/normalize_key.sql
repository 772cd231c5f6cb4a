{#-
    DECISIONS 30: a snake_case key: lower-case, every run of characters other than
    a-z and 0-9 becomes one `_`, leading and trailing `_` removed; empty -> null.
    `How To`, `how-to`, ` HOW--to ` -> `how_to`.
-#}
{% macro normalize_key(text) -%}
    nullif(
        {{ regexp_replace_all(
            regexp_replace_all('lower(' ~ text ~ ')', '[^a-z0-9]+', '_'),
            '^_+|_+$', ''
        ) }},
        ''
    )
{%- endmacro %}
