{#-
    The relation a model reads one configuration table from: the project's seed of that
    name (seeds/config), or the team's own relation when the var
    saas_kpis_<name>_relation names one (a model, seed or snapshot of the root project,
    so a team that installs this project as a package keeps its onboarding steps,
    feature map, currency rates and health weights in its own project). The replacement
    has the seed's columns (seeds/config/_config__seeds.yml).
-#}
{% macro config_relation(name) -%}
    {%- set replacement = var('saas_kpis_' ~ name ~ '_relation', none) -%}
    {%- if replacement is none -%}
        {{ return(ref(name)) }}
    {%- else -%}
        {{ return(ref(project_name, replacement)) }}
    {%- endif -%}
{%- endmacro %}
