"""The records behind the CCWG-IG's 2017 annual report to its chartering organizations.

Every fact of the hand-written 2017 report is held here as a record. Where that report
contradicts itself, the facts it otherwise proves win (its face-to-face meetings labelled
"ICANN 55" and "ICANN 56" were held at ICANN 58, Copenhagen, and ICANN 59, Johannesburg),
and what is unknown stays as the report gives it (both meetings dated 15 March 2017), so
the report's consistency checks can flag it. URLs are the public pages those "available
here" links pointed to, as best reconstructed.

`load()` is idempotent: a second run finds every record unchanged and writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ccwg.core.models import (
    CharterStatus,
    CharterVersion,
    DatePrecision,
    Organization,
    OrganizationKind,
    Person,
    WorkingGroup,
    WorkingGroupKind,
)
from ccwg.core.services import record_chartership
from ccwg.sample.writes import upsert
from engagements.models import (
    ExternalEvent,
    ExternalProcess,
    InputChannel,
    ProcessInput,
    Threat,
)
from engagements.services import update_process_input
from meetings.models import IcannMeeting, Meeting, MeetingKind, MeetingStatus
from meetings.services import create_meeting, update_meeting
from reports.models import AnnualReport, ReportStatus
from reports.services import create_report, update_report

UTC = dt.UTC

ORGANIZATIONS = [
    ("GNSO", "Generic Names Supporting Organization", OrganizationKind.SO),
    ("ccNSO", "Country Code Names Supporting Organization", OrganizationKind.SO),
    ("ALAC", "At-Large Advisory Committee", OrganizationKind.AC),
    ("GAC", "Governmental Advisory Committee", OrganizationKind.AC),
    ("SSAC", "Security and Stability Advisory Committee", OrganizationKind.AC),
    ("BWG-IG", "ICANN Board Working Group on Internet Governance", OrganizationKind.ICANN),
    ("ICANN-GE", "ICANN Global Engagement Team", OrganizationKind.ICANN),
    ("ITU", "International Telecommunication Union", OrganizationKind.EXTERNAL),
    (
        "CSTD",
        "United Nations Commission on Science and Technology for Development",
        OrganizationKind.EXTERNAL,
    ),
    ("UNCTAD", "United Nations Conference on Trade and Development", OrganizationKind.EXTERNAL),
    ("IGF", "Internet Governance Forum (United Nations Secretariat)", OrganizationKind.EXTERNAL),
    ("IGF-MAG", "IGF Multistakeholder Advisory Group", OrganizationKind.EXTERNAL),
    (
        "UNESCO",
        "United Nations Educational, Scientific and Cultural Organization",
        OrganizationKind.EXTERNAL,
    ),
    ("OECD", "Organisation for Economic Co-operation and Development", OrganizationKind.EXTERNAL),
    ("G7", "Group of Seven", OrganizationKind.EXTERNAL),
    ("G20", "Group of Twenty", OrganizationKind.EXTERNAL),
    ("UN", "United Nations", OrganizationKind.EXTERNAL),
    ("GCSC", "Global Commission on the Stability of Cyberspace", OrganizationKind.EXTERNAL),
]

ICANN_MEETINGS = [
    (
        58,
        "Copenhagen",
        "Denmark",
        dt.date(2017, 3, 11),
        dt.date(2017, 3, 16),
        "A",
        "https://meetings.icann.org/en/copenhagen58",
    ),
    (
        59,
        "Johannesburg",
        "South Africa",
        dt.date(2017, 6, 26),
        dt.date(2017, 6, 29),
        "B",
        "https://meetings.icann.org/en/johannesburg59",
    ),
    (
        60,
        "Abu Dhabi",
        "United Arab Emirates",
        dt.date(2017, 10, 28),
        dt.date(2017, 11, 3),
        "C",
        "https://meetings.icann.org/en/abudhabi60",
    ),
    (
        61,
        "San Juan",
        "Puerto Rico",
        dt.date(2018, 3, 10),
        dt.date(2018, 3, 15),
        "A",
        "https://meetings.icann.org/en/sanjuan61",
    ),
]

SPEAKERS = [
    (
        "Redouane Houssaini",
        "",
        "Head of United Nations Department, Ministry of Foreign Affairs and Cooperation, "
        "Kingdom of Morocco",
    ),
    (
        "Benedicto Fonseca",
        "Ambassador",
        "Director of the Department of Scientific and Technological Affairs of the Ministry of "
        "External Relations, Brazil",
    ),
    (
        "Peter Major",
        "",
        "Special Advisor for IT, Government of Hungary; Chairman of the UN Commission on Science "
        "and Technology for Development (CSTD)",
    ),
    (
        "Chengetai Masango",
        "",
        "Programme and Technology Manager at United Nations Secretariat for the Internet "
        "Governance Forum (IGF)",
    ),
    ("William Drake", "Dr", "University of Zurich"),
    ("Patrik Fältström", "", "SSAC Chair"),
    (
        "Ihsan Durdu",
        "",
        "Advisor to the Minister of Turkey's Ministry of Transport and Communications, GAC "
        "representative for Turkey",
    ),
]


def item(title: str, *children: dict) -> dict:
    return {"title": title, "children": list(children)}


PUBLIC_SESSION_AGENDA = [
    item("Main outcomes on IG front during 2016"),
    item(
        "Look ahead to main issues during 2017",
        item(
            "Working Group of Enhanced Cooperation (a Working Group of UN Commission of Science "
            "and Technology for Development)"
        ),
        item("WSIS Forum 2017"),
        item(
            "ITU Expert Group on International Telecommunication ITU World Telecommunications "
            "Development Conference)"
        ),
        item("G20 and OECD work on Internet"),
        item("UN ECOSOC High Level Political Forum (HLPF)"),
        item("UN Group of Governmental Experts (UN GGE)"),
        item("Global Commission on the Stability of Cyberspace (GCSC)"),
    ),
    item(
        "Internet Governance priorities for CCWG-IG and ICANN, taking account of the new global "
        "political agenda"
    ),
]

COPENHAGEN_TOPICS = [
    item("Update on planning for Public Internet Governance Session"),
    item("Updates on CCWG 2016 Report - Status and next steps"),
    item("CCWG-IG Charter amendments - Status and next steps"),
    item("Liaison with the BWG-IG - Update and discussion"),
    item("Working Group priorities for 2017"),
]

JOHANNESBURG_TOPICS = [
    item("Discussions with BWG-IG"),
    item("Status of proposed revisions to Charter of CCWG-IG"),
    item("Update on WSIS Forum 2017 and IGF 2017"),
    item("Brief look ahead to main activities/issues of interest to CCWG-IG"),
]

CCNSO_QUESTIONS = (
    "The CCWG IG does satisfy the need to discuss Internet Governance issues among SO/AC and "
    "ICANN relevant staff and provide a platform to share information and for discussion at the "
    "ICANN level as a whole.\n\n"
    "Is this properly reflected in the proposed charter?  A related question is whether this "
    "provide enough basis to stay involved as a chartering organization?\n\n"
    "Assuming the ccNSO adopts the updated charter, will the CCWG be able to initiate a statement "
    "that would imply a position on ccNSO or ccTLD related matters without properly consulting "
    "the ccNSO? What mechanisms are involved to ensure proper consultation, if any?\n\n"
    "Does the new charter provide a mechanism to ensure that the CCWG update the chartering "
    "organizations adequately and regularly? This was foreseen in original charter, but never "
    "been effective. How will such a situation be avoided in future?\n\n"
    "Assuming the charter is adopted by the ccNSO, does the ccNSO need to invite more ccTLDs to "
    "participate (as members, observers, or otherwise)?"
)

GNSO_COMMENTS = (
    "I understand that post-transition ICANN needs to be cognizant, and responsive, to any "
    "potential threats to its mandate and well-being from external entities. This is not a new "
    "situation, but certainly the new environment may see a new wave of threats emerge. I "
    "certainly appreciate the benefits of having a community that is conversant of these threats "
    "and are actively engaged with ICANN the organisation and the Board with a view to mitigating "
    "against any emerging threats.\n\n"
    "I do have concerns about the authority of the CCWG- IG to develop position papers and "
    "present these as ICANN community contributions, but perhaps this concern would be allayed if "
    "I had a better understanding of the subject matter of these position papers. I would also "
    "hope that any position papers would be supported by ICANN’s Global Engagement team and the "
    "BWG-IG. I think the Charter would benefit from more specificity in this regard, along with "
    "concrete examples of the IG fora the CCWG would attend or be involved in in some way.\n\n"
    "I still struggle with the CCWG as the most appropriate vehicle for this effort and it would "
    "be helpful to understand if other possibilities were discussed, or conversely why the CCWG "
    "believes this is the most appropriate vehicle. My struggle relates to the fact that the "
    "Charter speaks to a number of different products, but no timeline or specificity. While the "
    "charter proposes co-ordination with the ICANN’s GE team and the Board IG WG, to me it would "
    "seem a much better option to have the members of the current CCWG IG, ICANN’s GE team and "
    "the Board IG WG, develop an overarching strategy on IG, which clearly sets out roles and "
    "responsibilities and project plans could be developed as a result. Perhaps this has already "
    "been done and I am just not familiar with it."
)

CHARTER_AMENDMENTS = item(
    "GNSO Council Request for CCWG-IG charter amendments",
    item("Comparison table"),
    item("Workspace with all documents"),
    item("Process forward"),
)

#: (date, members present, total incl. staff or None, agenda)
TELECONFERENCES = [
    (
        dt.date(2017, 2, 2),
        15,
        17,
        [
            item(
                "Policy Topics",
                item(
                    "IGF Community Public Consultation - ICANN Comment",
                    item("IGF Consultation Page"),
                    item("List of Comments received"),
                    item("ICANN Final Comment"),
                ),
                item("CSTD Intersessional meeting"),
                item("ITU EG-ITR"),
                item("CCWG Participation in WSIS Forum 2017"),
            ),
            item(
                "Organisational Topics",
                item(
                    "Proposal for Annual Review of Working Group activities",
                    item("Proposed table of contents / structure"),
                ),
                CHARTER_AMENDMENTS,
                item("Forthcoming activities"),
                item("ICANN 58 Public Internet Governance and CCWG-IG F2F Session"),
            ),
        ],
    ),
    (
        dt.date(2017, 2, 16),
        11,
        15,
        [
            item(
                "Organisational Topics",
                item("Proposal for Annual Review of Working Group activities"),
                CHARTER_AMENDMENTS,
                item("ICANN 58 CCWG-IG and F2F"),
            ),
            item("CCWG Participation in WSIS Forum"),
        ],
    ),
    (
        dt.date(2017, 3, 7),
        7,
        12,
        [
            item(
                "Organisational Topics",
                item("Proposal for Annual Review of Working Group activities"),
                item("GNSO Council Request for CCWG-IG charter amendments"),
                item(
                    "ICANN 58 CCWG-IG and F2F",
                    item("Public Session Agenda"),
                    item("F2F Meeting Agenda"),
                ),
            ),
            item("Policy Topics", item("ICANN CCWG-IG Workshop Submission for WSIS Forum 2017")),
        ],
    ),
    (
        dt.date(2017, 4, 4),
        11,
        14,
        [
            item("WSIS Forum 2017"),
            item(
                "IGF 2017 - CCWG input",
                item("2017 Call for Workshop Proposals"),
                item("IGF 2016 Workshop: A Post IANA Transition ICANN"),
                item("IGF 2017/workshop or Day Zero event?"),
            ),
            item(
                "Review of CCWG-IG at ICANN 58",
                item(
                    "F2F Meeting in Copenhagen",
                    item("F2F Meeting Recordings"),
                    item("Informal note/summary"),
                ),
                item("IG Public Session"),
            ),
        ],
    ),
    (
        dt.date(2017, 4, 28),
        8,
        11,
        [
            item("Discussion for IGF Proposal"),
            item("Discussion for WSIS Forum Proposal"),
            item("ICANN Board in Geneva – IG and IGF"),
        ],
    ),
    (
        dt.date(2017, 6, 20),
        13,
        16,
        [
            item("Reviewing questions from GNSO and CCNSO about the amended charter"),
        ],
    ),
    (
        dt.date(2017, 7, 14),
        9,
        13,
        [
            item(
                "Follow-up drafting the new Charter of the new cross community vehicle",
                item("GNSO Motion CCWG-IG - 30 June 2017"),
            ),
            item(
                "Preparation of IGF 2017 Workshop: Multistakeholder governance of the Domain Name "
                "System, lessons learned for other Internet governance issues"
            ),
            item("Looking ahead to ICANN 60"),
        ],
    ),
    (
        dt.date(2017, 10, 11),
        11,
        16,
        [
            item(
                "Updates on recent Internet Governance activities",
                item("UNCTAD - CSTD // recent report"),
                item("G7 - Meeting of ICT ministers in Turin, Italy – Final Declaration"),
                item("IGF"),
                item("ITU WTDC 17"),
                item("UNESCO - Internet Identifiers"),
            ),
            item("Preparation for ICANN 60 Abu Dhabi Meeting"),
            item("Public Meeting"),
            item("F2F Meeting"),
            item("Update on Group Charter"),
        ],
    ),
    (
        dt.date(2017, 10, 17),
        9,
        None,
        [
            item("Presentation of the draft proposal for new structure for cross-community group"),
            item("Action plan"),
        ],
    ),
]

WSIS_AGENDA = [
    item(
        "Review of capacity building programmes",
        item("Summer Schools on Internet Governance"),
        item("ICANN constituency capacity building programmes"),
        item("NetMission"),
    ),
    item(
        "Questions to panelists and participants",
        item(
            "How do these programmes fulfill the ongoing requirements for more active "
            "stakeholders in an increasingly busy Internet Governance space?"
        ),
        item("Are these programmes successful at balancing the diversity of active stakeholders?"),
        item("What is the funding model for these programmes?"),
    ),
]

WSIS_CONCLUSIONS = [
    "There needs to be enhanced coordination between these important but diverse initiatives",
    "Some form of common approach; common standards (especially pertaining to Summer Schools) "
    "could be beneficial",
    "The most successful programmes for capacity building on Internet Governance are those that "
    "are multi-stakeholder in process and driven by bottom-up demand - not those that are "
    "centrally driven.",
]

INTRODUCTION = """\
This report to the chartering organizations of the Cross Community Working Group on Internet \
Governance (CCWG-IG) covers a number of issues including participation in events and \
contributions made to on-going Internet governance activities.

Discussion on the establishment of the CCWG-IG began in December 2013, well before the ICANN \
Community had developed *A Uniform Framework of Principles and Recommendations for Cross \
Community Working Groups* (CCWG). As a result, the original charter of the CCWG-IG did not \
include regular reporting from the CCWG-IG back to the chartering organizations.

The CCWG-IG is currently in the process of developing a new cross-community vehicle for its \
future activities.
"""

INTERNAL_WORK_INTRO = """\
The Chair, and other representatives, of the Board Working Group on Internet Governance \
(BWG-IG) were present at the CCWG-IG's face-to-face meetings in 2016.
"""

WAY_FORWARD = """\
After ICANN 59, the members of the CCWG-IG began work on a new “vehicle” following concerns \
from ICANN Community – particularly, the GNSO – on the structure of the CCWG-IG and its \
engagement with Supporting Organizations (SOs) and Advisory Committees (ACs). Reference was \
also drawn to the fact that given (naturally) the CCWG-IG does not have an end-goal or \
time-limit it does not comply with the (recently) agreed criteria for an ICANN CCWG.

The working group has, inter-alia, been focusing on:

- How the new vehicle can interact effectively with SOs and ACs, the ICANN BWG-IG and the \
ICANN Organization; and
- How the new vehicle can be resourced from the ICANN Organisation.

Progress has been made in defining attributes of a “Cross Community Engagement Group” with a \
first draft now under discussion.

Further discussion with the Community is planned at the Face-to-Face meeting of the CCWG-IG at \
ICANN 60, with representatives of the BWG-IG in attendance.
"""

THREATS_INTRO = """\
Through the dialogue in CCWG IG Public Forums, the F2F meetings, and on the CCWG IG list, it \
has become clear that ICANN is facing enhanced threats to its Mission; especially with regard \
to an open, single and interoperable Internet.
"""

WIKI = "https://community.icann.org/display/IG"


def at(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@transaction.atomic
def load() -> WorkingGroup:
    orgs = {
        acronym: upsert(
            Organization, lookup={"acronym": acronym}, values={"name": name, "kind": kind}
        )
        for acronym, name, kind in ORGANIZATIONS
    }
    icann = {
        number: upsert(
            IcannMeeting,
            lookup={"number": number},
            values={
                "city": city,
                "country": country,
                "starts_on": starts,
                "ends_on": ends,
                "format": fmt,
                "url": url,
            },
        )
        for number, city, country, starts, ends, fmt, url in ICANN_MEETINGS
    }

    successor = upsert(
        WorkingGroup,
        lookup={"acronym": "CCEG-IG"},
        values={
            "name": "Cross Community Engagement Group on Internet Governance",
            "kind": WorkingGroupKind.ENGAGEMENT_GROUP,
            "description": "The new cross-community vehicle for ICANN community work on "
            "Internet governance, proposed by the CCWG-IG in 2017.",
        },
    )
    group = upsert(
        WorkingGroup,
        lookup={"acronym": "CCWG-IG"},
        values={
            "name": "Cross Community Working Group on Internet Governance",
            "kind": WorkingGroupKind.CCWG,
            "discussion_began_on": dt.date(2013, 12, 1),
            "discussion_began_precision": DatePrecision.MONTH,
            "description": "Cross-community working group of ICANN's Supporting Organizations "
            "and Advisory Committees on Internet governance: it follows Internet governance "
            "processes outside ICANN and gives input to ICANN's engagement in them.",
            "resources_note": "The CCWG-IG is supported by minimal resources in the Government "
            "Engagement Group (amounting to no more than 0.2 FTE).",
            "successor": successor,
        },
    )

    _charters(group, successor, orgs, icann)
    people = _people()
    _meetings(group, orgs, icann, people)
    _engagements(group, orgs)
    _report(group)
    return group


def _charters(group, successor, orgs, icann) -> None:
    record_chartership(
        working_group=group,
        organization=orgs["GNSO"],
        withdrawal_decided_on=dt.date(2017, 8, 1),
        withdrawal_decided_precision=DatePrecision.MONTH,
        withdrawal_effective_before=icann[61],
        note="The GNSO Council resolved to withdraw as a chartered member of the CCWG-IG "
        "ahead of ICANN 61.",
    )
    for acronym in ("ccNSO", "ALAC"):
        record_chartership(working_group=group, organization=orgs[acronym])

    upsert(
        CharterVersion,
        lookup={"working_group": group, "label": "Original charter"},
        values={
            "status": CharterStatus.ADOPTED,
            "summary": "Did not include regular reporting from the CCWG-IG back to the "
            "chartering organizations.",
        },
    )
    upsert(
        CharterVersion,
        lookup={"working_group": group, "label": "Amended charter (2017)"},
        values={
            "status": CharterStatus.PROPOSED,
            "summary": "Revisions requested by the GNSO Council; the GNSO and the ccNSO raised "
            "questions about the amended charter (teleconference of 20 June 2017).",
        },
    )
    upsert(
        CharterVersion,
        lookup={
            "working_group": successor,
            "label": "Cross Community Engagement Group: attributes",
        },
        values={
            "status": CharterStatus.DRAFT,
            "drafted_on": dt.date(2017, 10, 17),
            "summary": "First draft of the attributes of a Cross Community Engagement Group, "
            "presented to the CCWG-IG on 17 October 2017 and under discussion.",
        },
    )


def _people() -> dict[str, Person]:
    people = {}
    for name, honorific, affiliation in SPEAKERS:
        people[name] = upsert(
            Person,
            lookup={"full_name": name},
            values={"honorific": honorific, "affiliation": affiliation},
        )
    people["Donna Austin"] = upsert(
        Person, lookup={"full_name": "Donna Austin"}, values={"affiliation": "GNSO Councillor"}
    )
    return people


def _save_meeting(lookup: dict, **data) -> Meeting:
    """Create the meeting found by `lookup`, or bring it up to date."""
    meeting = Meeting.objects.filter(**lookup).first()
    if meeting is None:
        return create_meeting(**lookup, **data)
    return update_meeting(meeting=meeting, **data)


def _meetings(group, orgs, icann, people) -> None:
    _save_meeting(
        {"working_group": group, "kind": MeetingKind.PUBLIC_SESSION, "icann_meeting": icann[58]},
        status=MeetingStatus.HELD,
        title="Internet Governance Public Session",
        starts_at=at(dt.date(2017, 3, 16), 8),
        ends_at=at(dt.date(2017, 3, 16), 9, 30),
        location="Copenhagen",
        agenda=PUBLIC_SESSION_AGENDA,
        speakers=[
            {
                "name": f"{honorific} {name}".strip(),
                "affiliation": affiliation,
                "person": people[name],
            }
            for name, honorific, affiliation in SPEAKERS
        ],
        links=[
            {
                "title": "ICANN 58 schedule page for the session",
                "kind": "schedule",
                "url": "https://icann58copenhagen2017.sched.com/",
            }
        ],
    )
    for number, topics in ((58, COPENHAGEN_TOPICS), (59, JOHANNESBURG_TOPICS)):
        meeting = icann[number]
        _save_meeting(
            {
                "working_group": group,
                "kind": MeetingKind.FACE_TO_FACE,
                "icann_meeting": meeting,
                "status": MeetingStatus.HELD,
            },
            title="CCWG-IG face-to-face meeting",
            # The 2017 report dates both meetings 15 March 2017, 12:45-14:00 UTC.
            starts_at=at(dt.date(2017, 3, 15), 12, 45),
            ends_at=at(dt.date(2017, 3, 15), 14),
            location=meeting.city,
            agenda=topics,
            organizations_present=[orgs["BWG-IG"]],
            links=[
                {
                    "title": f"Public ICANN {number} Sched page for the meeting",
                    "kind": "schedule",
                    "url": f"{ICANN_SCHED[number]}",
                }
            ],
        )
    _save_meeting(
        {
            "working_group": group,
            "kind": MeetingKind.FACE_TO_FACE,
            "icann_meeting": icann[60],
            "status": MeetingStatus.PLANNED,
        },
        title="CCWG-IG face-to-face meeting",
        location="Abu Dhabi",
        notes="Further discussion with the Community on the new vehicle, with representatives "
        "of the BWG-IG in attendance.",
    )

    for day, members, total, agenda in TELECONFERENCES:
        _save_meeting(
            {"working_group": group, "kind": MeetingKind.TELECONFERENCE, "starts_at": at(day)},
            status=MeetingStatus.HELD,
            title="CCWG-IG teleconference",
            time_is_known=False,
            members_present=members,
            total_present=total,
            agenda=agenda,
        )
    amended = CharterVersion.objects.get(working_group=group, label="Amended charter (2017)")
    june = Meeting.objects.get(working_group=group, starts_at=at(dt.date(2017, 6, 20)))
    update_meeting(
        meeting=june,
        statements=[
            {
                "agenda_path": [1],
                "source": orgs["ccNSO"],
                "text": CCNSO_QUESTIONS,
                "concerns_charter": amended,
            },
            {
                "agenda_path": [1],
                "source": orgs["GNSO"],
                "author": people["Donna Austin"],
                "author_name": "Donna Austin",
                "text": GNSO_COMMENTS,
                "concerns_charter": amended,
            },
        ],
    )


ICANN_SCHED = {
    58: "https://icann58copenhagen2017.sched.com/",
    59: "https://icann59johannesburg2017.sched.com/",
}


def _event(name: str, **values) -> ExternalEvent:
    return upsert(
        ExternalEvent, lookup={"name": name, "starts_on": values.pop("starts_on")}, values=values
    )


def _engagements(group, orgs) -> None:
    wsis = _event(
        "World Summit on the Information Society (WSIS) Forum 2017",
        acronym="WSIS Forum 2017",
        organizer=orgs["ITU"],
        location="Geneva",
        starts_on=dt.date(2017, 6, 12),
        ends_on=dt.date(2017, 6, 16),
        url="https://www.itu.int/net4/wsis/forum/2017/",
    )
    igf = _event(
        "Internet Governance Forum (IGF) 2017",
        acronym="IGF 2017",
        organizer=orgs["IGF"],
        location="Geneva",
        starts_on=dt.date(2017, 12, 18),
        ends_on=dt.date(2017, 12, 21),
        url="https://www.intgovforum.org/",
    )
    _save_meeting(
        {"working_group": group, "kind": MeetingKind.WORKSHOP, "external_event": wsis},
        status=MeetingStatus.HELD,
        title="Capacity Building Programmes at ICANN and elsewhere",
        starts_at=at(dt.date(2017, 6, 15)),
        time_is_known=False,
        location="Geneva",
        agenda=WSIS_AGENDA,
        outcomes=WSIS_CONCLUSIONS,
        notes="It was a successful event.",
        links=[
            {
                "title": "Preparation, multistakeholder panelists and documentation of the "
                "workshop",
                "kind": "wiki",
                "url": f"{WIKI}/WSIS+Forum+2017",
            }
        ],
    )
    _save_meeting(
        {"working_group": group, "kind": MeetingKind.WORKSHOP, "external_event": igf},
        status=MeetingStatus.ACCEPTED,
        title="Multistakeholder governance of the Domain Name System, lessons learned for other "
        "IG issues",
        selected_by=orgs["IGF-MAG"],
        location="Geneva",
        notes="The workshop proposal was drafted by ICANN staff based on input from CCWG-IG "
        "members during the CCWG's teleconferences. Accepted by the IGF MAG for inclusion in "
        "the December program of IGF 2017.",
        links=[
            {
                "title": "Preparation for and documentation of the workshop",
                "kind": "wiki",
                "url": f"{WIKI}/IGF+2017",
            }
        ],
    )

    wgec = upsert(
        ExternalProcess,
        lookup={"acronym": "WGEC"},
        values={
            "name": "Working Group on Enhanced Cooperation",
            "body": orgs["CSTD"],
            "description": "Working Group on Enhanced Cooperation (WGEC) of the Commission for "
            "Science and Technology for Development (CSTD).",
            "url": "https://unctad.org/topic/commission-on-science-and-technology-for-"
            "development/working-group-on-enhanced-cooperation",
            "links": [
                {
                    "title": "CCWG-IG community wiki page on the WGEC",
                    "kind": "wiki",
                    "url": f"{WIKI}/WGEC",
                }
            ],
        },
    )
    wgec_meeting = _event(
        "WGEC meeting",
        acronym="WGEC",
        organizer=orgs["CSTD"],
        process=wgec,
        location="Geneva",
        starts_on=dt.date(2017, 1, 26),
        ends_on=dt.date(2017, 1, 27),
    )
    ott = upsert(
        ExternalProcess,
        lookup={"acronym": "CWG-Internet OTT"},
        values={
            "name": "Open Consultation on Over the Top (OTT) services",
            "body": orgs["ITU"],
            "description": "Open consultation of the ITU Council Working Group on International "
            "Internet-related Public Policy (CWG-Internet) on Over the Top (OTT) services.",
            "opens_on": dt.date(2017, 6, 1),
            "closes_on": dt.date(2017, 9, 30),
            "dates_precision": DatePrecision.MONTH,
            "url": "https://www.itu.int/en/council/cwg-internet/Pages/consultation-june2017.aspx",
        },
    )
    eg_itrs = upsert(
        ExternalProcess,
        lookup={"acronym": "EG-ITRs"},
        values={
            "name": "Expert Group on International Telecommunication Regulations",
            "body": orgs["ITU"],
            "description": "ITU Expert Group on International Telecommunication Regulations "
            "(EG-ITRs).",
            "url": "https://www.itu.int/en/council/eg-itrs/Pages/default.aspx",
        },
    )
    gge = upsert(
        ExternalProcess,
        lookup={"acronym": "UN GGE"},
        values={
            "name": "UN Group of Governmental Experts",
            "body": orgs["UN"],
            "description": "UN Group of Governmental Experts on Developments in the Field of "
            "Information and Telecommunications in the Context of International Security.",
        },
    )

    _input(
        group,
        wgec,
        orgs,
        requested_on=dt.date(2016, 11, 1),
        for_event=wgec_meeting,
        summary="Input from the members of the CCWG-IG for the call for contributions to the "
        "WGEC's 26-27 January 2017 meeting.",
        outcome="Based on the input from CCWG-IG members, ICANN contributed a document to the "
        "meeting. The CCWG-IG also discussed other individuals' and organizations' input to the "
        "open consultation, and maintained a community wiki page for members who wished to "
        "follow the process.",
        links=[
            {
                "title": "ICANN's contribution to the WGEC meeting",
                "kind": "submission",
                "url": "https://www.icann.org/en/system/files/files/wgec-contribution-2017.pdf",
            },
        ],
    )
    _input(
        group,
        ott,
        orgs,
        requested_on=dt.date(2017, 8, 1),
        summary="Input into ICANN's position on the Open Consultation on OTT services.",
        outcome="The individual input of CCWG-IG members was taken into account when developing "
        "ICANN's submission to the consultation.",
        links=[
            {
                "title": "ICANN's submission to the consultation",
                "kind": "submission",
                "url": "https://www.itu.int/en/council/cwg-internet/Pages/display-june2017.aspx",
            }
        ],
    )
    eg_input = _input(
        group,
        eg_itrs,
        orgs,
        requested_on=dt.date(2017, 1, 1),
        summary="How ICANN should engage in the work of the ITU EG-ITRs.",
        outcome="CCWG-IG members discussed their views on the mailing list in January 2017.",
        links=[
            {
                "title": "January 2017 mailing list archive of the discussion",
                "kind": "mailing_list",
                "url": "https://mm.icann.org/pipermail/ccwg-internet-governance/2017-January/",
            }
        ],
    )
    february = Meeting.objects.get(working_group=group, starts_at=at(dt.date(2017, 2, 2)))
    if not eg_input.discussed_at.filter(pk=february.pk).exists():
        update_process_input(
            process_input=eg_input, discussed_at=[*eg_input.discussed_at.all(), february]
        )

    _threats(group, orgs, wgec, gge)


def _input(group, process, orgs, *, links, **values) -> ProcessInput:
    found = upsert(
        ProcessInput,
        lookup={"working_group": group, "process": process},
        values={
            "requested_on_precision": DatePrecision.MONTH,
            "requested_by": orgs["ICANN-GE"],
            "channel": InputChannel.MAILING_LIST,
            "for_event": None,
            **values,
            "links": links,
        },
    )
    return found


def _threats(group, orgs, wgec, gge) -> None:
    _event(
        "World Telecommunication Standardization Assembly (WTSA-16)",
        acronym="WTSA-16",
        organizer=orgs["ITU"],
        location="Hammamet, Tunisia",
        starts_on=dt.date(2016, 10, 25),
        ends_on=dt.date(2016, 11, 3),
    )
    _event(
        "World Telecommunication Development Conference (WTDC-17)",
        acronym="WTDC-17",
        organizer=orgs["ITU"],
        location="Buenos Aires, Argentina",
        starts_on=dt.date(2017, 10, 9),
        ends_on=dt.date(2017, 10, 20),
    )
    pp18 = _event(
        "ITU Plenipotentiary Conference (PP-18)",
        acronym="PP-18",
        organizer=orgs["ITU"],
        location="Dubai, United Arab Emirates",
        starts_on=dt.date(2018, 10, 29),
        ends_on=dt.date(2018, 11, 16),
        url="https://www.itu.int/web/pp-18/",
    )
    identified = dt.date(2017, 10, 11)
    threats = [
        (
            "UN mechanisms to determine Internet public policy",
            "Concerns have been expressed within the CCWG on proposals before the UN, not least "
            "in the Working Group on Enhanced Cooperation (WGEC), that would mandate the UN to "
            "establish mechanisms to discuss and determine Internet public policy issues, "
            "including such issues as naming and addressing.",
            [wgec],
            "",
            None,
            None,
        ),
        (
            "ITU work on domain name issues",
            "Proposals were submitted to ITU WTSA in 2016 and to ITU WTDC in October 2017 from "
            "some countries that would oblige the ITU to work on domain name issues; including "
            "the determination of geographic names and on concerns relating to any "
            "discrimination found on the allocation of names. These proposals were not adopted, "
            "due to the consensus based nature of discussions at these two Conferences. It is, "
            "though, likely that similar proposals will be discussed and debated at the ITU "
            "Plenipotentiary Conference in October 2018 in Dubai (PP-18).",
            [],
            "ITU Plenipotentiary Conference (PP-18), Dubai",
            dt.date(2018, 10, 29),
            pp18,
        ),
        (
            "Cybersecurity treaty proposals in the UN",
            "In the UN context, it is also worth noting that proposals relating to a "
            "Cybersecurity Treaty are being discussed.",
            [gge],
            "",
            None,
            None,
        ),
    ]
    for position, (title, description, processes, milestone, milestone_on, event) in enumerate(
        threats, start=1
    ):
        upsert(
            Threat,
            lookup={"working_group": group, "title": title},
            values={
                "description": description,
                "identified_on": identified,
                "next_milestone": milestone,
                "next_milestone_on": milestone_on,
                "next_milestone_event": event,
                "position": position,
                "processes": processes,
            },
        )


def _report(group) -> None:
    """The draft 2017 report with its narrative; left alone once a 2017 report is published."""
    if (
        AnnualReport.objects.filter(working_group=group, year=2017)
        .exclude(status=ReportStatus.DRAFT)
        .exists()
    ):
        return
    narrative = {
        "period_start": dt.date(2017, 1, 1),
        "period_end": dt.date(2017, 12, 31),
        "title": "Report on the 2017 Activities of the Cross Community Working Group on "
        "Internet Governance (CCWG-IG)",
        "introduction": INTRODUCTION,
        "internal_work_intro": INTERNAL_WORK_INTRO,
        "way_forward": WAY_FORWARD,
        "threats_intro": THREATS_INTRO,
    }
    draft = AnnualReport.objects.filter(
        working_group=group, year=2017, status=ReportStatus.DRAFT
    ).first()
    if draft is None:
        create_report(working_group=group, year=2017, **narrative)
    else:
        update_report(report=draft, **narrative)
