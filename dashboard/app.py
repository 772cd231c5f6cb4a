"""The dashboards' entry point: `make dashboard` (python -m streamlit run dashboard/app.py,
from the project folder, so that `dashboard` imports as a package).

One page per exposure in models/marts/_exposures.yml, plus data quality; every page
reads the serving copy, read-only (dashboard/queries.py).
"""

from __future__ import annotations

import streamlit as st

from dashboard.queries import PAGES

st.set_page_config(page_title="saas_kpis dashboards", layout="wide")
st.navigation(
    [
        # The first page is the default one, served at the root address (/).
        st.Page(page.script, title=page.title, url_path=page.url_path or None, default=not index)
        for index, page in enumerate(PAGES)
    ]
).run()
