{#-
    The SQL text expression of a rejection reason, from a sentence with placeholders:

        "amount '{amount_text}' is negative"  ->  amount '-5' is negative
        "score {score_text} is outside {scale_min}-{scale_max} for {survey_type}"

    `'{column}'` writes a text column's value in single quotes (quote_value);
    `{expression}` writes any value as text. Either shows a null value as `null`.
    The words around them are SQL literals, so they cannot hold a single quote of
    their own (one outside a quoted placeholder stops the build).
-#}
{% macro rejection_reason(sentence) -%}
    {%- set parts = [] -%}
    {%- set pieces = sentence.split('{') -%}
    {%- set words = namespace(text=pieces[0]) -%}
    {%- for piece in pieces[1:] -%}
        {%- set placeholder = piece.split('}', 1) -%}
        {%- set quoted = words.text.endswith("'") and placeholder[1].startswith("'") -%}
        {%- set before = words.text[:-1] if quoted else words.text -%}
        {%- if before -%}
            {%- do parts.append(reason_words(before, sentence)) -%}
        {%- endif -%}
        {%- if quoted -%}
            {%- do parts.append(quote_value(placeholder[0])) -%}
        {%- else -%}
            {%- do parts.append(
                'coalesce(cast(' ~ placeholder[0] ~ ' as ' ~ dbt.type_string() ~ "), 'null')"
            ) -%}
        {%- endif -%}
        {%- set words.text = placeholder[1][1:] if quoted else placeholder[1] -%}
    {%- endfor -%}
    {%- if words.text -%}
        {%- do parts.append(reason_words(words.text, sentence)) -%}
    {%- endif -%}
    {{ parts | join(' || ') }}
{%- endmacro %}

{#- The words of a reason as a SQL literal (engines escape a quote inside one differently). -#}
{% macro reason_words(words, sentence) -%}
    {%- if "'" in words -%}
        {{ exceptions.raise_compiler_error(
            "Rejection reason \"" ~ sentence ~ "\": a single quote outside '{column}'"
        ) }}
    {%- endif -%}
    '{{ words }}'
{%- endmacro %}
