"""Online attendance (daring): import a meeting's participant report and match it to the roster.

parsers (files -> rows), matching (rows -> officers), preview (what an import would do), apply
(hadir daring through the check-in path, with the report row as evidence). See docs/daring.md.
"""

from kpps_desktop.core.daring.apply import Applied, apply_preview, describe, evidence
from kpps_desktop.core.daring.parsers import LAYOUTS, Report, ReportError, parse_report, read_report
from kpps_desktop.core.daring.preview import KINDS, Item, Preview, preview

__all__ = ["Applied", "Item", "KINDS", "LAYOUTS", "Preview", "Report", "ReportError", "apply_preview",
           "describe", "evidence", "parse_report", "preview", "read_report"]
