"""ICANN meetings, and the CCWG-IG's meetings at them: the public session at ICANN 58 with
its speakers, the face-to-face meetings, and the statements on the amended charter.

The 2017 report labels its face-to-face meetings "ICANN 55" and "ICANN 56"; the facts it
otherwise proves place them at ICANN 58, Copenhagen, and ICANN 59, Johannesburg. It dates
both "15 March 2017, 12:45-14:00 UTC": right for Copenhagen (ICANN 58 ran 11-16 March), a
copy for Johannesburg (ICANN 59 ran 26-29 June). The Johannesburg meeting is therefore held
during ICANN 59 with its day (and time) unknown, and the report says so.
"""

import datetime as dt

from ccwg.sample.agenda import item

UTC = dt.UTC

#: (number, city, country, first day, last day, format, web page)
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

#: (name, honorific, title and affiliation at the time) of the public session's speakers,
#: in the order they spoke.
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
        "Advisor to the Minister of Turkey’s Ministry of Transport and Communications, GAC "
        "representative for Turkey",
    ),
]

#: People quoted in statements who did not speak at the public session: (name, affiliation).
OTHER_PEOPLE = [("Donna Austin", "GNSO Councillor")]

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

PUBLIC_SESSION = {
    "icann_meeting": 58,
    "title": "Internet Governance Public Session",
    "starts_at": dt.datetime(2017, 3, 16, 8, 0, tzinfo=UTC),
    "ends_at": dt.datetime(2017, 3, 16, 9, 30, tzinfo=UTC),
    "location": "Copenhagen",
    "agenda": PUBLIC_SESSION_AGENDA,
    "links": [
        {
            "title": "ICANN 58 schedule page for the session",
            "kind": "schedule",
            "url": "https://icann58copenhagen2017.sched.com/",
        }
    ],
}

#: Held at ICANN 58 and 59 with the BWG-IG (acronym) present. The 2017 report dates both
#: meetings 15 March 2017, 12:45-14:00 UTC: true of Copenhagen only; Johannesburg's day is
#: unknown (held during ICANN 59, 26-29 June 2017).
FACE_TO_FACE = [
    {
        "icann_meeting": 58,
        "starts_at": dt.datetime(2017, 3, 15, 12, 45, tzinfo=UTC),
        "ends_at": dt.datetime(2017, 3, 15, 14, 0, tzinfo=UTC),
        "location": "Copenhagen",
        "agenda": COPENHAGEN_TOPICS,
        "notes": "For more information and links to the transcript, see the [Public ICANN 58 "
        "Sched page for the meeting](https://icann58copenhagen2017.sched.com/).",
        "links": [
            {
                "title": "Public ICANN 58 Sched page for the meeting",
                "kind": "schedule",
                "url": "https://icann58copenhagen2017.sched.com/",
            }
        ],
    },
    {
        "icann_meeting": 59,
        "starts_at": None,
        "ends_at": None,
        "time_is_known": False,
        "location": "Johannesburg",
        "agenda": JOHANNESBURG_TOPICS,
        "notes": "For more information and links to the transcript, see the [Public ICANN 59 "
        "Sched page for the meeting](https://icann59johannesburg2017.sched.com/).",
        "links": [
            {
                "title": "Public ICANN 59 Sched page for the meeting",
                "kind": "schedule",
                "url": "https://icann59johannesburg2017.sched.com/",
            }
        ],
    },
]
FACE_TO_FACE_COMMON = {
    "title": "CCWG-IG face-to-face meeting",
    "organizations_present": ["BWG-IG"],
}

#: Planned at ICANN 60, not yet held.
PLANNED_FACE_TO_FACE = {
    "icann_meeting": 60,
    "title": "CCWG-IG face-to-face meeting",
    "location": "Abu Dhabi",
    "notes": "Further discussion with the Community on the new vehicle, with representatives "
    "of the BWG-IG in attendance.",
}

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

#: Statements on the amended charter at the teleconference of 20 June 2017, on its first
#: agenda item: `source` is an acronym, `author` a person's name, `concerns_charter` the
#: label of a CCWG-IG charter version.
JUNE_STATEMENTS_ON = dt.date(2017, 6, 20)
JUNE_STATEMENTS = [
    {
        "agenda_path": [1],
        "source": "ccNSO",
        "text": CCNSO_QUESTIONS,
        "concerns_charter": "Amended charter (2017)",
    },
    {
        "agenda_path": [1],
        "source": "GNSO",
        "author": "Donna Austin",
        "author_name": "Donna Austin",
        "text": GNSO_COMMENTS,
        "concerns_charter": "Amended charter (2017)",
    },
]
