"""Untrusted text (issue #10, item 4; issue #14, item 2): one payload set (tests/payloads.py).

- Input: every writable text field of every API resource, nested parts included, found by
  introspection (a new field is covered without a new test): NUL, one character over its
  cap and 1 MB each answer 400 naming the field; link fields accept only http(s) and mailto.
  Every free-text model field has a cap the model enforces, and the API's cap is the model's.
- The admin: the same refusals are form errors (200, never 500).
- Output: records holding the payloads come out inert in the page, the admin, the PDF, the
  DOCX, the Markdown, the iCal feed and the CSV export.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from rest_framework import serializers

from ccwg.api_urls import router
from ccwg.core.apps import RECORD_APPS
from ccwg.core.fields import CappedTextField, LinkURLField
from reports.drafts import assemble_for_report
from reports.renderers import render
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ChartershipFactory,
    DraftReportFactory,
    ExternalEventFactory,
    ExternalProcessFactory,
    IcannMeetingFactory,
    MessageFactory,
    OrganizationFactory,
    OutcomeFactory,
    PersonFactory,
    ProcessInputFactory,
    StatementFactory,
    TeleconferenceFactory,
    ThreatFactory,
    WorkingGroupFactory,
)
from tests.payloads import (
    BAD_LINKS,
    FORMULA_STARTS,
    GOOD_LINKS,
    NUL,
    ONE_MB,
    PAYLOADS,
    live_html,
)

OUR_APPS = (*RECORD_APPS, "members")

#: A record to write to, for every API resource.
FACTORIES = {
    "api-working-group": WorkingGroupFactory,
    "api-organization": OrganizationFactory,
    "api-chartership": ChartershipFactory,
    "api-icann-meeting": IcannMeetingFactory,
    "api-meeting": TeleconferenceFactory,
    "api-external-event": ExternalEventFactory,
    "api-external-process": ExternalProcessFactory,
    "api-process-input": ProcessInputFactory,
    "api-threat": ThreatFactory,
    "api-report": DraftReportFactory,
    "api-person": PersonFactory,
    "api-message": MessageFactory,  # read-only: no text field to write
}
#: The least a nested part needs besides the field under test.
NESTED_MINIMUM = {
    "agenda": {"title": "Item"},
    "speakers": {"name": "A speaker"},
    "statements": {"text": "A statement"},
    "actions": {"description": "An action"},
    "links": {"title": "A link", "url": "https://example.org/"},
}


def _text_fields(serializer: serializers.Serializer, prefix: tuple[str, ...] = ()):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        child = getattr(field, "child", None)
        if isinstance(child, serializers.Serializer) and not prefix:
            yield from _text_fields(child, (name,))
        elif isinstance(child, serializers.CharField) and not prefix:
            yield (name, None), child
        elif isinstance(field, serializers.CharField):
            yield ((*prefix, name) if prefix else (name,)), field


def api_cases():
    for _, viewset, basename in router.registry:
        for path, field in _text_fields(viewset.serializer_class()):
            yield pytest.param(basename, path, field, id=f"{basename}:{'.'.join(map(str, path))}")


def _body(path: tuple, value: str) -> dict:
    if len(path) == 1:
        return {path[0]: value}
    outer, inner = path
    if inner is None:  # a list of strings (outcomes)
        return {outer: [value]}
    return {outer: [{**NESTED_MINIMUM.get(outer, {}), inner: value}]}


def _assert_400_naming(response, path: tuple) -> None:
    assert response.status_code == 400, (path, response.status_code, response.content[:300])
    body = response.json()
    assert path[0] in body, body
    if len(path) == 2 and path[1] is not None:
        assert any(path[1] in message for message in body[path[0]]), body


def test_every_api_resource_has_a_record_to_write_to():
    assert {basename for _, _, basename in router.registry} == set(FACTORIES)


@pytest.mark.parametrize(("basename", "path", "field"), list(api_cases()))
def test_api_text_fields_refuse_nul_oversized_and_bad_links(staff_api, basename, path, field):
    record = FACTORIES[basename]()
    lookup = (
        getattr(record, "acronym", None)
        if basename
        in {
            "api-working-group",
            "api-organization",
        }
        else None
    )
    if basename == "api-icann-meeting":
        lookup = record.number
    url = reverse(f"{basename}-detail", args=[lookup if lookup is not None else record.pk])
    assert field.max_length is not None, f"{path}: no length cap"
    for value in (NUL, "y" * (field.max_length + 1), ONE_MB):
        _assert_400_naming(staff_api.patch(url, _body(path, value), format="json"), path)
    if isinstance(field, serializers.URLField):
        for value in BAD_LINKS:
            _assert_400_naming(staff_api.patch(url, _body(path, value), format="json"), path)
        for value in GOOD_LINKS:
            response = staff_api.patch(url, _body(path, value), format="json")
            assert response.status_code == 200, (path, value, response.content[:300])


def model_text_fields():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.TextField | models.CharField) and field.editable:
                    yield pytest.param(model, field, id=f"{model._meta.label_lower}.{field.name}")


@pytest.mark.parametrize(("model", "field"), list(model_text_fields()))
def test_model_text_fields_have_caps_and_links_only_http_or_mailto(model, field):
    assert field.max_length, f"{model.__name__}.{field.name} has no cap"
    if isinstance(field, models.TextField):
        assert isinstance(field, CappedTextField), "free text is a CappedTextField"
        with pytest.raises(ValidationError):
            field.clean("z" * (field.max_length + 1), model())
        with pytest.raises(ValidationError):
            field.clean(NUL, model())
    if isinstance(field, models.URLField):
        assert isinstance(field, LinkURLField)
        for value in BAD_LINKS:
            with pytest.raises(ValidationError):
                field.clean(value, model())
        for value in GOOD_LINKS:
            assert field.clean(value, model()) == value


def test_api_caps_agree_with_the_models():
    for _, viewset, _basename in router.registry:
        serializer = viewset.serializer_class()
        model = serializer.Meta.model
        for name, field in serializer.fields.items():
            source = field.source if field.source != "*" else name
            if field.read_only or not isinstance(field, serializers.CharField):
                continue
            try:
                model_field = model._meta.get_field(source)
            except Exception:
                continue
            if getattr(model_field, "max_length", None):
                assert field.max_length == model_field.max_length, (model, name)


# --- The admin ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", NUL),
        ("description", "d" * 10_001),
        ("description", ONE_MB),
        ("name", "n" * 301),
        ("url", "javascript:alert(1)"),
        ("url", "data:text/html,<b>x</b>"),
    ],
    ids=["nul", "over-cap", "1MB", "name-over-cap", "javascript-url", "data-url"],
)
def test_admin_form_refuses_with_an_error_next_to_the_field(admin_client, field, value):
    data = {"acronym": "TEST", "name": "Test", "kind": "so", "url": "", "description": ""}
    data[field] = value
    response = admin_client.post(reverse("admin:ccwg_organization_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors, errors


def test_admin_accepts_a_mailto_link(admin_client):
    data = {"acronym": "MAIL", "name": "Mail", "kind": "so", "url": GOOD_LINKS[1]}
    response = admin_client.post(
        reverse("admin:ccwg_organization_add"), {**data, "description": ""}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


# --- Output -------------------------------------------------------------------------------


@pytest.fixture
def hostile_records(db):
    """A group's 2017 meeting and draft report whose text fields hold every payload."""
    texts = list(PAYLOADS.values())
    group = WorkingGroupFactory(acronym="HOST", name=PAYLOADS["script"])
    meetings = []
    for index, text in enumerate(texts):
        meeting = TeleconferenceFactory(working_group=group, title=text[:300], notes=text)
        item = AgendaItemFactory(meeting=meeting, title=text[:500], notes=text)
        StatementFactory(meeting=meeting, agenda_item=item, text=text)
        OutcomeFactory(meeting=meeting, text=text)
        ActionItemFactory(meeting=meeting, description=text, owner_name=texts[index - 1][:200])
        meetings.append(meeting)
    narrative = "\n\n".join(texts)
    report = DraftReportFactory(
        working_group=group,
        introduction=narrative,
        way_forward=narrative,
        threats_intro=narrative,
        internal_work_intro=narrative,
    )
    return group, meetings, report


def test_pages_and_admin_show_payloads_as_text(member_client, admin_client, hostile_records):
    _, meetings, report = hostile_records
    pages = [
        (member_client, reverse("meetings:detail", args=[meetings[0].pk])),
        (member_client, reverse("meetings:list") + "?group=HOST"),
        (member_client, reverse("reports:report_page", args=["HOST", 2017])),
        (admin_client, reverse("admin:meetings_meeting_change", args=[meetings[0].pk])),
        (admin_client, reverse("admin:reports_annualreport_change", args=[report.pk])),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert live_html(html) == [], url
    page = member_client.get(pages[0][1]).content.decode()
    assert "&lt;script&gt;alert(" in page


def test_documents_keep_payloads_inert(hostile_records):
    _, _, report = hostile_records
    data = assemble_for_report(report)

    from pypdf import PdfReader

    pdf = render(data, "pdf")
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"javascript:", b"data:text/html"):
        assert marker not in pdf, marker
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "alert('xss-script')" in text.replace("\u200b", "")

    import docx

    content = render(data, "docx")
    document = docx.Document(io.BytesIO(content))
    targets = [
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("hyperlink")
    ]
    assert not [t for t in targets if not t.startswith(("http://", "https://", "mailto:"))]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "<script>" not in body and "&lt;script&gt;" in body

    import markdown as markdown_lib

    md = render(data, "md").decode()
    assert live_html(markdown_lib.markdown(md)) == []
    # Every "<" of record text is escaped (`\<`), so no viewer sees a tag; the only tags are
    # the writer's own heading anchors.
    assert not re.search(r'(?<!\\)<(script|iframe|img|a (?!id="[\w-]+"></a>))', md)
    html = render(data, "html").decode()
    assert live_html(html) == []


def test_calendar_feed_and_csv_keep_payloads_inert(member_client, hostile_records):
    import icalendar

    group, meetings, _ = hostile_records
    feed = member_client.get(reverse("members:group_feed", args=[group.acronym]))
    assert feed.status_code == 200
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(meetings)  # nothing injected
    assert not [e for e in events if str(e.get("SUMMARY")) == "injected"]

    export = member_client.get(reverse("meetings:export") + "?group=HOST")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
