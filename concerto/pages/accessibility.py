"""The accessibility statement's facts, from the platform's own checks: every page the
browser suite checked with axe-core, the tool and its version, the browser, the widths
and the date, as `make accessibility-report` last wrote them
(tests/browser/accessibility_report.py). The statement says what was checked, never more.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

REPORT = Path(__file__).with_name("accessibility_checks.json")


@cache
def checks() -> dict:
    report = json.loads(REPORT.read_text())
    report["checked_on"] = date.fromisoformat(report["checked_on"])
    return report
