"""Building blocks of the data generator (see saas_kpis.generate)."""
