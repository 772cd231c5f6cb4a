"""The customer success dashboards over the serving copy (README, "Dashboards")."""
