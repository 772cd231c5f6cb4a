{{ config(severity='error') }}
-- DECISIONS 60: with no usable fact in the warehouse and no saas_kpis_as_of_date var, nothing
-- can be reported. Fail here, before any mart, with a message that says what to do.
{% if var('saas_kpis_as_of_date', none) is none %}
    select
        'as_of_date cannot be derived: the warehouse holds no clean product event or'
        || ' other fact of a customer account. Set it:'
        || ' dbt build --vars "{saas_kpis_as_of_date: YYYY-MM-DD}"' as problem
    from {{ ref('int_as_of_date') }}
    where as_of_date is null
{% else %}
    select 'as_of_date is set by var' as problem
    where 1 = 0
{% endif %}
