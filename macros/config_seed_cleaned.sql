{#-
    A stg_config__ view: one configuration seed (config_relation) with the columns the
    view's yml documents, in that order, cleaned as staging cleans raw text
    (DECISIONS 71): `keys` trimmed and lower-cased (they are matched against raw values
    normalized the same way), `codes` trimmed and upper-cased (currency codes), `text`
    trimmed; every other column as the seed types it.
-#}
{% macro config_seed_cleaned(name, keys=[], codes=[], text=[]) -%}
    {%- set columns = documented_column_names() -%}
    {%- for column in keys + codes + text if execute and column not in columns -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ' cleans ' ~ column ~ ', which its yml does not document'
        ) }}
    {%- endfor -%}
    {%- set items = [] -%}
    {%- for column in columns -%}
        {%- if column in keys -%}
            {%- do items.append('lower(' ~ clean_text(column) ~ ') as ' ~ column) -%}
        {%- elif column in codes -%}
            {%- do items.append('upper(' ~ clean_text(column) ~ ') as ' ~ column) -%}
        {%- elif column in text -%}
            {%- do items.append(clean_text(column) ~ ' as ' ~ column) -%}
        {%- else -%}
            {%- do items.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
with

{{ name }} as (
    select * from {{ config_relation(name) }}
),

final as (
    select
        {{ items | join(',\n        ') }}
    from {{ name }}
)

select * from final
{%- endmacro %}
