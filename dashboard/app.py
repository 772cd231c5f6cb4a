"""The dashboards' entry point: `make dashboard` (python -m streamlit run dashboard/app.py,
from the project folder, so that `dashboard` imports as a package).

One page per exposure in models/marts/_exposures.yml (its `url` is the page's address),
plus data quality. Every page reads the serving copy, read-only (dashboard/queries.py).
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="saas_kpis dashboards", layout="wide")

# url_path is each page's address: keep it equal to the exposure's url.
PAGES = [
    st.Page("pages/health.py", title="Customer health worklist", url_path="health", default=True),
    st.Page("pages/revenue.py", title="Revenue", url_path="revenue"),
    st.Page("pages/onboarding.py", title="Onboarding and engagement", url_path="onboarding"),
    st.Page("pages/support.py", title="Support and voice of the customer", url_path="support"),
    st.Page("pages/data_quality.py", title="Data quality", url_path="data-quality"),
]

st.navigation(PAGES).run()
