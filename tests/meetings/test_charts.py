"""The attendance chart: a pure function from points to SVG, readable without sight."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from meetings.charts import (
    AttendancePoint,
    attendance_svg,
    attendance_table_html,
    points_from_meetings,
    summary,
)
from tests.factories import AttendanceFactory, MeetingFactory

SVG = "{http://www.w3.org/2000/svg}"

POINTS = [
    AttendancePoint(dt.date(2017, 2, 2), 15, 17, "Teleconference"),
    AttendancePoint(dt.date(2017, 2, 16), 11, 15),
    AttendancePoint(dt.date(2017, 10, 17), 9, None),
]


@pytest.mark.parametrize("layout", ["columns", "rows"])
def test_svg_is_well_formed_and_names_itself(layout):
    svg = attendance_svg(POINTS, title="Attendance, 2017", id_prefix="x", layout=layout)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "x-title x-desc"
    assert root.find(f"{SVG}title").text == "Attendance, 2017"
    assert root.find(f"{SVG}title").get("id") == "x-title"
    desc = root.find(f"{SVG}desc").text
    assert "3 meetings from 2 Feb 2017 to 17 Oct 2017" in desc
    assert "2 Feb 2017 (Teleconference): 15 members, 17 in total including staff" in desc
    # One group per meeting, each with its own title; a missing total draws one bar only.
    groups = root.findall(f".//{SVG}g[@class='meeting']")
    assert groups[2].find(f"{SVG}title").text == "17 Oct 2017: 9 members, total not recorded"
    assert [len(g.findall(f"{SVG}rect")) for g in groups] == [2, 2, 1]


def test_bar_heights_follow_the_figures():
    root = ET.fromstring(attendance_svg(POINTS, title="t"))
    first = root.findall(f".//{SVG}g[@class='meeting']")[0].findall(f"{SVG}rect")
    members, total = (float(r.get("height")) for r in first)
    assert members / total == pytest.approx(15 / 17, rel=0.01)


def test_text_is_escaped():
    points = [AttendancePoint(dt.date(2017, 1, 1), 1, 2, "<script>x</script>")]
    svg = attendance_svg(points, title="A & <b>")
    ET.fromstring(svg)
    assert "<script>" not in svg and "<b>" not in svg
    assert "A &amp; &lt;b&gt;" in svg


def test_no_points_still_draws_a_valid_chart():
    svg = attendance_svg([], title="Nothing")
    assert "No attendance recorded" in svg
    ET.fromstring(svg)
    assert summary([]) == "No meeting in this period has its attendance recorded."


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout"):
        attendance_svg(POINTS, title="t", layout="pie")


def test_the_table_alternative_has_every_figure():
    html = attendance_table_html(POINTS, caption="Attendance <2017>")
    root = ET.fromstring(html)
    assert root.find("caption").text == "Attendance <2017>"
    rows = [[c.text or "".join(c.itertext()) for c in tr] for tr in root.find("tbody")]
    assert rows == [
        ["2 Feb 2017", "15", "17"],
        ["16 Feb 2017", "11", "15"],
        ["17 Oct 2017", "9", "not recorded"],
    ]


@pytest.mark.django_db
def test_points_from_meetings_count_listed_attendance_and_skip_unknown():
    listed = MeetingFactory(members_present=None, total_present=None)
    AttendanceFactory(meeting=listed)
    AttendanceFactory(meeting=listed, role="staff")
    MeetingFactory(members_present=None, total_present=None)  # nothing recorded: left out
    counted = MeetingFactory(members_present=4, total_present=5)
    points = points_from_meetings(
        type(listed).objects.with_attendance_counts().order_by("starts_at")
    )
    assert [(p.members, p.total) for p in points] == [(1, 2), (4, 5)]
    assert points[1].day == counted.starts_at.date()


def test_weasyprint_draws_the_chart_in_a_pdf():
    """The report will place the chart under 2.4.2: WeasyPrint must take the SVG inline."""
    from weasyprint import HTML

    html = f"<html><body><h4>2.4.2</h4>{attendance_svg(POINTS, title='t')}</body></html>"
    pdf = HTML(string=html).write_pdf()
    assert pdf.startswith(b"%PDF")
