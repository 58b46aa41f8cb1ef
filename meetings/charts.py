"""The attendance chart: members and everyone present (staff included) per meeting.

Pure functions: attendance points in, an SVG string (and its data table) out. No
JavaScript, no external fonts or stylesheets: every colour and size is an attribute, so the
same SVG shows in a browser, in the HTML report and in WeasyPrint's PDF. Screen readers
get the chart's `<title>` and `<desc>` (named by `aria-labelledby`), a `<title>` on each
meeting's bars, and the table `attendance_table_html` renders from the same points.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from meetings.attendance import attendance_label

#: Colours: members solid, the total outlined in the same blue (3:1 or more against white).
MEMBERS_FILL = "#0b5394"
TOTAL_FILL = "#cfe2f3"
TOTAL_STROKE = "#0b5394"
TEXT = "#1b1f24"
MUTED = "#4a545e"
GRID = "#d5dbe1"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


@dataclass(frozen=True)
class AttendancePoint:
    """One meeting's attendance: members present, and everyone present including staff."""

    day: dt.date
    members: int | None
    total: int | None
    title: str = ""

    @property
    def day_label(self) -> str:
        return f"{self.day.day} {self.day:%b} {self.day.year}"

    @property
    def short_label(self) -> str:
        return f"{self.day.day} {self.day:%b}"

    @property
    def attendance(self) -> str:
        return attendance_label(self.members, self.total) or "Not recorded"

    @property
    def spoken(self) -> str:
        """'2 Feb 2017: 15 members, 17 in total including staff'."""
        parts = []
        if self.members is not None:
            parts.append(f"{self.members} member{'s' if self.members != 1 else ''}")
        if self.total is not None:
            parts.append(f"{self.total} in total including staff")
        elif self.members is not None:
            parts.append("total not recorded")
        what = ", ".join(parts) or "attendance not recorded"
        name = f" ({self.title})" if self.title else ""
        return f"{self.day_label}{name}: {what}"


def points_from_meetings(meetings: Iterable) -> list[AttendancePoint]:
    """Points of dated meetings with attendance recorded, in date order.

    Reads `attendance_members` / `attendance_total` (annotate the query with
    `with_attendance_counts()` to keep it to one query).
    """
    points = []
    for meeting in meetings:
        if meeting.starts_at is None:
            continue
        members, total = meeting.attendance_members, meeting.attendance_total
        if members is None and total is None:
            continue
        points.append(
            AttendancePoint(
                day=meeting.starts_at.astimezone(dt.UTC).date(),
                members=members,
                total=total,
                title=meeting.title or meeting.get_kind_display(),
            )
        )
    points.sort(key=lambda p: p.day)
    return points


def _nice_step(top: int) -> int:
    """A tick step giving at most about five gridlines: 1, 2, 5, 10, 20, 50, ..."""
    if top <= 5:
        return 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def _attr(value: str) -> str:
    return escape(value, quote=True)


def attendance_svg(
    points: Sequence[AttendancePoint],
    *,
    title: str,
    description: str = "",
    id_prefix: str = "attendance",
    width: int = 640,
    height: int = 300,
    layout: str = "columns",
) -> str:
    """The chart as an SVG element (a string, safe to insert into HTML as is).

    `layout="columns"`: a column pair per meeting, dates along the bottom (pages, PDF).
    `layout="rows"`: a row per meeting, bars running right, for narrow screens (`width`
    applies, the height follows the number of meetings). `description` defaults to a
    sentence summing up the points; every meeting's figures are in its bars' `<title>`.
    """
    if not description:
        description = summary(points)
    if layout == "rows":
        return _rows_svg(
            points, title=title, description=description, id_prefix=id_prefix, width=width
        )
    if layout != "columns":
        raise ValueError(f"Unknown chart layout {layout!r}.")
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    left, right, top_pad, bottom = 44, 12, 36, 44
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    axis_max, step = _axis_max(points)

    def y(value: int) -> float:
        return top_pad + plot_h - plot_h * value / axis_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart attendance-chart" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # Legend, top left.
    out += [
        '<g class="legend" aria-hidden="true">',
        f'<rect x="{left}" y="10" width="12" height="12" fill="{MEMBERS_FILL}"/>',
        f'<text x="{left + 18}" y="20" fill="{TEXT}">Members</text>',
        f'<rect x="{left + 96}" y="10" width="12" height="12" fill="{TOTAL_FILL}" '
        f'stroke="{TOTAL_STROKE}" stroke-width="1.5"/>',
        f'<text x="{left + 114}" y="20" fill="{TEXT}">Total, including staff</text>',
        "</g>",
    ]
    # Gridlines and the value axis.
    out.append('<g class="axis" aria-hidden="true">')
    for value in range(0, axis_max + 1, step):
        gy = y(value)
        out.append(
            f'<line x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{gy + 4:.1f}" text-anchor="end" fill="{MUTED}">{value}</text>'
        )
    out.append("</g>")
    if not points:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top_pad + plot_h / 2:.1f}" '
            f'text-anchor="middle" fill="{MUTED}">No attendance recorded in this period</text>'
        )
        out.append("</svg>")
        return "".join(out)

    slot = plot_w / len(points)
    bar = max(2.0, min(22.0, slot * 0.36))
    label_every = max(1, math.ceil(len(points) / max(1, int(plot_w / 58))))
    show_values = slot >= 30
    baseline = y(0)
    for index, point in enumerate(points):
        centre = left + slot * index + slot / 2
        out.append(f'<g class="meeting"><title>{escape(point.spoken)}</title>')
        bars = (
            (point.members, centre - bar, MEMBERS_FILL, None),
            (point.total, centre, TOTAL_FILL, TOTAL_STROKE),
        )
        for count, x, fill, stroke in bars:
            if count is None:
                continue
            top = y(count)
            stroke_attrs = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
            out.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar:.1f}" '
                f'height="{max(baseline - top, 0):.1f}" fill="{fill}"{stroke_attrs}/>'
            )
            if show_values:
                out.append(
                    f'<text x="{x + bar / 2:.1f}" y="{top - 4:.1f}" text-anchor="middle" '
                    f'font-size="11" fill="{TEXT}" aria-hidden="true">{count}</text>'
                )
        if index % label_every == 0:
            out.append(
                f'<text x="{centre:.1f}" y="{baseline + 16:.1f}" text-anchor="middle" '
                f'fill="{TEXT}" aria-hidden="true">{escape(point.short_label)}</text>'
            )
        out.append("</g>")
    out.append(
        f'<line x1="{left}" y1="{baseline:.1f}" x2="{width - right}" y2="{baseline:.1f}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    first, last = points[0].day, points[-1].day
    span = str(first.year) if first.year == last.year else f"{first.year}-{last.year}"
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'fill="{MUTED}" aria-hidden="true">Meeting date ({escape(span)}, UTC)</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _axis_max(points: Sequence[AttendancePoint]) -> tuple[int, int]:
    top_value = max([p.total or 0 for p in points] + [p.members or 0 for p in points] + [1])
    step = _nice_step(top_value)
    axis_max = step * math.ceil(top_value / step)
    if axis_max == top_value and top_value >= 5:
        axis_max += step  # room for the value beside the longest bar
    return axis_max, step


def _rows_svg(
    points: Sequence[AttendancePoint],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int,
) -> str:
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    left, right, top_pad, row_h, bar = 58, 26, 50, 34, 12
    rows = max(len(points), 1)
    height = top_pad + rows * row_h + 10
    plot_w = width - left - right
    axis_max, step = _axis_max(points)

    def x(value: int) -> float:
        return left + plot_w * value / axis_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart attendance-chart" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        '<g class="legend" aria-hidden="true">',
        f'<rect x="{left}" y="6" width="12" height="12" fill="{MEMBERS_FILL}"/>',
        f'<text x="{left + 18}" y="16" fill="{TEXT}">Members</text>',
        f'<rect x="{left + 100}" y="6" width="12" height="12" fill="{TOTAL_FILL}" '
        f'stroke="{TOTAL_STROKE}" stroke-width="1.5"/>',
        f'<text x="{left + 118}" y="16" fill="{TEXT}">Total, inc. staff</text>',
        "</g>",
        '<g class="axis" aria-hidden="true">',
    ]
    bottom = top_pad + rows * row_h
    for value in range(0, axis_max + 1, step):
        gx = x(value)
        out.append(
            f'<line x1="{gx:.1f}" y1="{top_pad - 6}" x2="{gx:.1f}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{gx:.1f}" y="{top_pad - 12}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="12">{value}</text>'
        )
    out.append("</g>")
    if not points:
        out.append(
            f'<text x="{left}" y="{top_pad + 20}" fill="{MUTED}">No attendance recorded</text>'
        )
    for index, point in enumerate(points):
        top = top_pad + index * row_h + 4
        out.append(f'<g class="meeting"><title>{escape(point.spoken)}</title>')
        out.append(
            f'<text x="{left - 6}" y="{top + 17}" text-anchor="end" fill="{TEXT}" '
            f'aria-hidden="true">{escape(point.short_label)}</text>'
        )
        bars = (
            (point.members, top, MEMBERS_FILL, None),
            (point.total, top + bar + 2, TOTAL_FILL, TOTAL_STROKE),
        )
        for count, y, fill, stroke in bars:
            if count is None:
                continue
            stroke_attrs = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
            out.append(
                f'<rect x="{left}" y="{y}" width="{max(x(count) - left, 0):.1f}" '
                f'height="{bar}" fill="{fill}"{stroke_attrs}/>'
            )
            out.append(
                f'<text x="{x(count) + 4:.1f}" y="{y + 10}" font-size="11" fill="{TEXT}" '
                f'aria-hidden="true">{count}</text>'
            )
        out.append("</g>")
    out.append(
        f'<line x1="{left}" y1="{top_pad - 6}" x2="{left}" y2="{bottom}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "".join(out)


def summary(points: Sequence[AttendancePoint]) -> str:
    """One sentence on the points, for the chart's `<desc>`."""
    if not points:
        return "No meeting in this period has its attendance recorded."
    members = [p.members for p in points if p.members is not None]
    parts = [
        f"{len(points)} meeting{'s' if len(points) != 1 else ''} from "
        f"{points[0].day_label} to {points[-1].day_label}."
    ]
    if members:
        parts.append(
            f"Members present ranged from {min(members)} to {max(members)}, "
            f"{sum(members) / len(members):.1f} on average."
        )
    parts.append(" ".join(f"{p.spoken}." for p in points))
    return " ".join(parts)


def attendance_table_html(
    points: Sequence[AttendancePoint], *, caption: str, css_class: str = "chart-data"
) -> str:
    """The chart's figures as an HTML table (the text alternative of the chart)."""
    rows = "".join(
        f'<tr><th scope="row"><time datetime="{p.day.isoformat()}">{escape(p.day_label)}'
        f"</time></th><td>{'not recorded' if p.members is None else p.members}</td>"
        f"<td>{'not recorded' if p.total is None else p.total}</td></tr>"
        for p in points
    )
    return (
        f'<table class="{_attr(css_class)}"><caption>{escape(caption)}</caption>'
        '<thead><tr><th scope="col">Date (UTC)</th><th scope="col">Members</th>'
        '<th scope="col">Total, including staff</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
