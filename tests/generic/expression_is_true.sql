{#-
    Every row satisfies a boolean SQL expression (an identity between columns, say).
    `where` limits the rows checked.
-#}
{% test expression_is_true(model, expression, where_clause=none) %}

select *
from {{ model }}
where
    not ({{ expression }})
    {%- if where_clause %}
        and ({{ where_clause }})
    {%- endif %}

{% endtest %}
