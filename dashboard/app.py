"""The dashboards' entry point: `make dashboard` (python -m streamlit run dashboard/app.py,
from the project folder, so that `dashboard` imports as a package).

One page per exposure in models/marts/_exposures.yml (its `url` is the page's address),
plus data quality. Every page reads the serving copy, read-only (dashboard/queries.py).
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="saas_kpis dashboards", layout="wide")

# url_path is each page's address: keep it equal to the exposure's url. The first page,
# the worklist, is the default one and is served at the root address (/).
PAGES = [
    st.Page("views/health.py", title="Customer health worklist", default=True),
    st.Page("views/revenue.py", title="Revenue", url_path="revenue"),
    st.Page("views/onboarding.py", title="Onboarding and engagement", url_path="onboarding"),
    st.Page("views/support.py", title="Support and voice of the customer", url_path="support"),
    st.Page("views/data_quality.py", title="Data quality", url_path="data-quality"),
]

st.navigation(PAGES).run()
