"""One small set of real records, made once for the permission matrix: one of every record
model the URLs name (so every admin page and API detail has an object), a published and a
draft report, the three users (member, staff of the secretariat, and a superuser who made
the history) with their API tokens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from ccwg.core.change_sets import change_set
from ccwg.sample.secretariat import SECRETARIAT_GROUP, secretariat_permissions
from tests import factories as f
from tests.mail.workers import failed_send


@dataclass
class World:
    member: User
    staff: User
    tokens: dict[str, str]
    group: Any
    organization: Any
    published: Any
    draft: Any
    meeting: Any
    process: Any
    change_set: str
    #: the one object each admin page of a model opens, by "app_label/model_name"
    objects: dict[str, Model] = field(default_factory=dict)

    def values(self, route: str, variant: str) -> tuple[dict[str, Any], list[Any]]:
        """The route's parameters: by name, and unnamed regular-expression groups."""
        report = self.published if variant.startswith("published") else self.draft
        values: dict[str, Any] = {
            "acronym": self.organization.acronym
            if route.startswith(("organizations/", "api/v1/organizations/"))
            else self.group.acronym,
            "year": report.year,
            "fmt": variant_format(variant),
            "number": self.objects["ccwg/icannmeeting"].number,
            "uidb64": urlsafe_base64_encode(force_bytes(self.member.pk)),
            "token": default_token_generator.make_token(self.member),
            "id": self.member.pk,
            "app_label": "meetings",
            "url": "no-such-page/",
            "change_set": self.change_set,
            "key": "heading/1",
            "content_type_id": ContentType.objects.get_for_model(self.meeting).pk,
        }
        groups: list[Any] = []
        if route.startswith("admin/") and route.count("/") >= 3:
            label = "/".join(route.split("/")[1:3])
            if label in self.objects:
                obj = self.objects[label]
                values["object_id"] = obj.pk
                history = getattr(obj, "history", None)
                groups = [obj.pk, history.latest().history_id if history else 0]
        values.setdefault("object_id", self.meeting.pk)
        values["pk"] = self._pk(route, report)
        return values, groups

    def _pk(self, route: str, report: Any) -> Any:
        for prefix, key in (
            ("calendar/meetings/", "meetings/meeting"),
            ("meetings/", "meetings/meeting"),
            ("processes/", "engagements/externalprocess"),
            ("api/v1/charterships/", "ccwg/chartership"),
            ("api/v1/meetings/", "meetings/meeting"),
            ("api/v1/messages/", "ccwg/message"),
            ("api/v1/external-events/", "ccwg/externalevent"),
            ("api/v1/external-processes/", "engagements/externalprocess"),
            ("api/v1/process-inputs/", "engagements/processinput"),
            ("api/v1/threats/", "engagements/threat"),
            ("api/v1/people/", "ccwg/person"),
        ):
            if route.startswith(prefix):
                return self.objects[key].pk
        if route.startswith("api/v1/reports/"):
            return report.pk
        return None


def variant_format(variant: str) -> str:
    return variant.rsplit("-", 1)[-1] if "-" in variant else "pdf"


def build_world() -> World:
    superuser = f.SuperuserFactory(username="matrix-root")
    member = f.UserFactory(username="matrix-member")
    staff = f.StaffFactory(username="matrix-staff")
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.set(secretariat_permissions())
    staff.groups.add(secretariat)
    tokens = {
        "member": Token.objects.create(user=member).key,
        "staff": Token.objects.create(user=staff).key,
    }
    with change_set(user=superuser) as opened:
        group = f.WorkingGroupFactory(acronym="MX", name="Matrix working group")
        organization = f.SupportingOrganizationFactory(acronym="MXSO")
        chartership = f.ChartershipFactory(working_group=group, organization=organization)
        charter = f.CharterVersionFactory(working_group=group)
        person = f.PersonFactory()
        role = f.RoleFactory(person=person, working_group=group)
        icann_meeting = f.IcannMeetingFactory()
        event = f.ExternalEventFactory()
        event_link = f.ExternalEventLinkFactory(event=event)
        meeting = f.TeleconferenceFactory(working_group=group, icann_meeting=None)
        item = f.AgendaItemFactory(meeting=meeting)
        objects: dict[str, Model] = {
            "ccwg/workinggroup": group,
            "ccwg/organization": organization,
            "ccwg/chartership": chartership,
            "ccwg/charterversion": charter,
            "ccwg/person": person,
            "ccwg/role": role,
            "ccwg/icannmeeting": icann_meeting,
            "ccwg/externalevent": event,
            "ccwg/externaleventlink": event_link,
            "meetings/meeting": meeting,
            "meetings/agendaitem": item,
            "meetings/agendaitemlink": f.AgendaItemLinkFactory(agenda_item=item),
            "meetings/attendance": f.AttendanceFactory(meeting=meeting, person=person),
            "meetings/speaker": f.SpeakerFactory(meeting=meeting),
            "meetings/statement": f.StatementFactory(meeting=meeting, source=organization),
            "meetings/outcome": f.OutcomeFactory(meeting=meeting),
            "meetings/actionitem": f.ActionItemFactory(meeting=meeting),
            "meetings/meetinglink": f.MeetingLinkFactory(meeting=meeting),
            "ccwg/message": f.MessageFactory(about=meeting),
        }
        process = f.ExternalProcessFactory()
        process_input = f.ProcessInputFactory(process=process, working_group=group)
        objects |= {
            "engagements/externalprocess": process,
            "engagements/externalprocesslink": f.ExternalProcessLinkFactory(process=process),
            "engagements/processinput": process_input,
            "engagements/processinputlink": f.ProcessInputLinkFactory(process_input=process_input),
            "engagements/threat": f.ThreatFactory(working_group=group),
        }
    published = f.PublishedReportFactory(
        working_group=group,
        year=2016,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 12, 31),
        confirm_errors=True,
        published_by=superuser,
    )
    draft = f.DraftReportFactory(working_group=group, year=2017)
    objects["reports/annualreport"] = draft
    objects["django_tasks_database/dbtaskresult"] = failed_send(objects["ccwg/message"].pk)
    objects["auth/user"] = member
    objects["auth/group"] = secretariat
    objects["authtoken/tokenproxy"] = staff  # the token admin's URLs name the user
    history = apps.get_model("meetings", "HistoricalMeeting")
    key = history.objects.filter(id=meeting.pk).latest().history_change_set or opened.id
    return World(
        member=member,
        staff=staff,
        tokens=tokens,
        group=group,
        organization=organization,
        published=published,
        draft=draft,
        meeting=meeting,
        process=process,
        change_set=str(key),
        objects=objects,
    )
