"""How many attended a meeting, as one label for the report and the admin."""

from __future__ import annotations


def attendance_label(members: int | None, total: int | None) -> str:
    """'15 (17, inc. staff)', '9' when only members are known, '' when nothing is."""
    if members is not None and total is not None:
        return f"{members} ({total}, inc. staff)"
    if members is not None:
        return str(members)
    if total is not None:
        return f"{total} (inc. staff)"
    return ""
