{#-
    The relation a base model reads one raw-contract table from: the contract source
    (`source(system, table)`, the default), or the rows a connector adapter model turns
    out of a connector's own tables, when the system's var selects that connector
    (README, "Connectors"). Every base model keeps its single shape; cleaning,
    rejection, dedupe and incremental loads work the same on both.
-#}
{% macro raw_relation(system, table) -%}
    {%- set connectors = {
        'billing': {'var': 'saas_kpis_billing_source', 'connectors': ['fivetran_stripe'],
            'tables': ['subscriptions']},
        'support': {'var': 'saas_kpis_support_source', 'connectors': ['fivetran_zendesk'],
            'tables': ['tickets', 'ticket_events']},
        'app': {'var': 'saas_kpis_product_events_source', 'connectors': ['segment'],
            'tables': ['product_events']},
    } -%}
    {%- set system_connectors = connectors.get(system) -%}
    {%- if system_connectors is none or table not in system_connectors['tables'] -%}
        {{ return(source(system, table)) }}
    {%- endif -%}
    {%- set chosen = var(system_connectors['var'], 'contract') -%}
    {%- if chosen == 'contract' -%}
        {{ return(source(system, table)) }}
    {%- elif chosen in system_connectors['connectors'] -%}
        {{ return(ref(chosen ~ '__' ~ table)) }}
    {%- elif execute -%}
        {{ exceptions.raise_compiler_error(
            "The var " ~ system_connectors['var'] ~ " is '" ~ chosen ~ "'; it must be one of: contract, "
            ~ system_connectors['connectors'] | join(', ') ~ "."
        ) }}
    {%- endif -%}
    {#- parsing (and linting) goes on with the contract's source -#}
    {{ return(source(system, table)) }}
{%- endmacro %}
