"""The meeting page's agenda: statements and actions put on items typed in the outline before
anything is saved, choices in the agenda's order and numbering, a strict outline (numbering
that does not follow is an error naming the line, or confirmed), its live preview."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import ActionItem, Meeting, Statement
from meetings.services import create_meeting
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    StatementFactory,
    WorkingGroupFactory,
)
from tests.meetings.test_admin_meeting import ADD, errors_of, management, meeting_data

pytestmark = pytest.mark.django_db

PREVIEW = "admin:meetings_meeting_outline_preview"
OUTLINE = "1. Policy Topics\na. IGF consultation\nb. CSTD\n2. AOB\n"


@pytest.fixture
def group():
    return WorkingGroupFactory(acronym="CCWG-IG")


def _with_rows(group, *, statement: str, action: str, **changes: str) -> dict:
    """A new meeting's page with the outline, a statement and an action on the numbers."""
    alac, owner = OrganizationFactory(acronym="ALAC"), PersonFactory(full_name="Ann Lee")
    data = meeting_data(group, agenda_outline=OUTLINE, **changes)
    data.update(management("statements", total=1))
    data.update(management("action_items", total=1))
    data.update(
        {
            "statements-0-agenda_item": statement,
            "statements-0-source": str(alac.pk),
            "statements-0-text": "ALAC supports the comment.",
            "action_items-0-agenda_item": action,
            "action_items-0-description": "Circulate the draft",
            "action_items-0-owner": str(owner.pk),
            "action_items-0-due_on": "2018-02-01",
            "action_items-0-status": "open",
        }
    )
    return data


def test_rows_go_on_items_typed_in_the_outline_in_the_first_save(admin_client, group):
    data = _with_rows(group, statement="1.a", action="1.b")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    statement, action = Statement.objects.get(), ActionItem.objects.get()
    assert statement.agenda_item.title == "IGF consultation"
    assert statement.agenda_item.parent.title == "Policy Topics"
    assert action.agenda_item.title == "CSTD"


def test_the_error_page_offers_the_typed_items_and_keeps_the_choice(admin_client, group):
    data = _with_rows(group, statement="1.a", action="2", time="25:00")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200 and "time" in errors_of(response)
    statements = response.context["inline_admin_formsets"][0].formset
    field = statements.forms[0].fields["agenda_item"]
    assert [label for _, label in field.choices] == [
        "---------",
        "1. Policy Topics",
        "1.a. IGF consultation",
        "1.b. CSTD",
        "2. AOB",
    ]
    assert statements.forms[0]["agenda_item"].value() == "1.a"
    data["time"] = "14:00"
    assert admin_client.post(reverse(ADD), data).status_code == 302
    assert ActionItem.objects.get().agenda_item.title == "AOB"


def test_a_number_not_in_the_outline_is_an_error_on_its_row(admin_client, group):
    data = _with_rows(group, statement="3", action="")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "statements-0-agenda_item" in errors_of(response)
    assert not Meeting.objects.exists()


def test_the_change_page_lists_the_items_in_the_agenda_order(admin_client):
    meeting = MeetingFactory()
    policy = AgendaItemFactory(meeting=meeting, title="Policy", position=1)
    AgendaItemFactory(meeting=meeting, title="AOB", position=2)
    igf = AgendaItemFactory(meeting=meeting, parent=policy, title="IGF", position=1)
    AgendaItemFactory(meeting=meeting, parent=igf, title="Page", position=1)
    StatementFactory(meeting=meeting, agenda_item=igf)
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    row = page.context["inline_admin_formsets"][0].formset.forms[0]
    labels = [label for _, label in row.fields["agenda_item"].choices]
    assert labels == ["---------", "1. Policy", "1.a. IGF", "1.a.i. Page", "2. AOB"]
    assert row["agenda_item"].value() == "1.a"


# --- a strict outline --------------------------------------------------------------------------


def test_numbering_that_does_not_follow_is_an_error_until_confirmed(admin_client, group):
    data = meeting_data(group, agenda_outline="1. Policy\n1. Again\n3. AOB\n")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200
    errors = " ".join(errors_of(response)["agenda_outline"])
    assert "Line 2: “1.” repeats this number" in errors
    assert "Line 3: “3.” skips to this number" in errors
    assert "1. Policy\n1. Again\n3. AOB" in response.content.decode()  # kept as typed
    assert not Meeting.objects.exists()
    data["agenda_confirmed"] = "on"
    assert admin_client.post(reverse(ADD), data).status_code == 302
    titles = list(Meeting.objects.get().agenda_items.values_list("title", flat=True))
    assert titles == ["Policy", "Again", "AOB"]


def test_the_preview_endpoint_reads_the_outline_with_the_form_s_parser(admin_client):
    response = admin_client.post(reverse(PREVIEW), {"text": "1. Policy\na. IGF\n***\n2. AOB\n"})
    assert response.status_code == 200
    data = response.json()
    assert [(item["number"], item["title"]) for item in data["items"]] == [
        ("1", "Policy"),
        ("1.a", "IGF"),
        ("1.b", "***"),
        ("2", "AOB"),
    ]
    assert data["problems"][0]["line"] == 3
    assert admin_client.get(reverse(PREVIEW)).status_code == 405
    too_long = admin_client.post(reverse(PREVIEW), {"text": "x" * 200_001})
    assert too_long.status_code == 400 and "200,000" in too_long.json()["error"]


def test_the_preview_is_for_staff_only(client, django_user_model):
    member = django_user_model.objects.create_user("member", password="x")
    client.force_login(member)
    response = client.post(reverse(PREVIEW), {"text": "1. A\n"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_page_loads_the_preview_script_with_its_endpoint(admin_client):
    page = admin_client.get(reverse(ADD)).content.decode()
    assert "admin-ccwg/outline-preview.js" in page
    assert f'"{reverse(PREVIEW)}"' in page


def test_an_action_on_an_item_the_agenda_does_not_have_is_refused_as_a_statement_is(group):
    with pytest.raises(ValidationError) as error:
        create_meeting(
            working_group=group,
            kind="teleconference",
            status="planned",
            agenda=[{"title": "Only"}],
            actions=[{"description": "Write", "agenda_path": [3]}],
        )
    assert "Action 1: agenda_path [3] does not name an item" in str(error.value.message_dict)


# --- no silent truncation ----------------------------------------------------------------------


def test_capped_boxes_carry_their_cap_for_the_counter_not_the_browser_s_maxlength(admin_client):
    page = admin_client.get(reverse(ADD) + "?kind=teleconference").content.decode()
    notes = re.search(r"<textarea[^>]*name=\"notes\"[^>]*>", page).group(0)
    assert 'data-max-chars="20000"' in notes and "maxlength" not in notes
    assert "maxlength" not in page.split('id="meeting_form"', 1)[1].split("</form>")[0]
    assert "admin-ccwg/char-counter.js" in page


def test_notes_over_the_cap_are_an_error_with_the_whole_text_kept(admin_client, group):
    long_notes = "Said it all. " * 2_307 + "Done.4321"  # 30,000 characters
    response = admin_client.post(reverse(ADD), meeting_data(group, notes=long_notes))
    assert response.status_code == 200
    assert "at most 20000 characters (it has 30000)" in " ".join(errors_of(response)["notes"])
    assert response.context["adminform"].form["notes"].value() == long_notes
    assert long_notes.strip() in response.content.decode()
    assert not Meeting.objects.exists()
