"""Facts about the site's configuration that tests need."""
from __future__ import annotations

import re

from tests.support.build import ROOT

# The default site_url in mkdocs.yml (site_url: !ENV [RBP_SITE_URL, "…"]), which test builds use.
SITE_URL = re.search(r'^site_url:.*?"(https?://[^"]+)"', (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
