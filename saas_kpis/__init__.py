"""Python side of the saas_kpis dbt project: data generator, benchmark and checks."""
