"""External events and processes the CCWG-IG followed in 2017: its workshops at the WSIS
Forum and the IGF, the inputs it gave, and the threats it watches.

Organizations, processes and events are named by acronym; URLs are the public pages the
report's "available here" links pointed to, as best reconstructed. What the report does not
say (how an input was sought, a process's description) is left blank.
"""

import datetime as dt

from ccwg.core.models import DatePrecision
from ccwg.sample.agenda import item
from engagements.models import InputChannel
from meetings.models import MeetingStatus

UTC = dt.UTC
WIKI = "https://community.icann.org/display/IG"

#: Events where the group held (or proposed) a workshop.
WORKSHOP_EVENTS = [
    {
        "name": "World Summit on the Information Society (WSIS) Forum 2017",
        "acronym": "WSIS Forum 2017",
        "organizer": "ITU",
        "location": "Geneva",
        "starts_on": dt.date(2017, 6, 12),
        "ends_on": dt.date(2017, 6, 16),
        "url": "https://www.itu.int/net4/wsis/forum/2017/",
    },
    {
        "name": "Internet Governance Forum (IGF) 2017",
        "acronym": "IGF 2017",
        "organizer": "IGF",
        "location": "Geneva",
        "starts_on": dt.date(2017, 12, 18),
        "ends_on": dt.date(2017, 12, 21),
        "url": "https://www.intgovforum.org/",
    },
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

#: The group's workshops; `external_event` is an event's acronym, `selected_by` an
#: organization's.
WORKSHOPS = [
    {
        "external_event": "WSIS Forum 2017",
        "status": MeetingStatus.HELD,
        "title": "Capacity Building Programmes at ICANN and elsewhere",
        "starts_at": dt.datetime(2017, 6, 15, tzinfo=UTC),
        "time_is_known": False,
        "location": "Geneva",
        "agenda": WSIS_AGENDA,
        "outcomes": WSIS_CONCLUSIONS,
        "notes": "Full details of the CCWG-IG’s preparation for, the multistakeholder "
        f"panelists and documentation of the workshop is available [here]({WIKI}/WSIS+Forum+2017)"
        ". It was a successful event.",
        "links": [
            {
                "title": "Preparation, multistakeholder panelists and documentation of the "
                "workshop",
                "kind": "wiki",
                "url": f"{WIKI}/WSIS+Forum+2017",
            }
        ],
    },
    {
        "external_event": "IGF 2017",
        "status": MeetingStatus.ACCEPTED,
        "title": "Multistakeholder governance of the Domain Name System, lessons learned for "
        "other IG issues",
        "selected_by": "MAG",
        "location": "Geneva",
        "notes": "The workshop proposal was drafted by ICANN staff based on input from CCWG-IG "
        "members during the CCWG’s teleconferences.\n\nFull details of the CCWG-IG’s "
        f"preparation for and documentation of the workshop is available [here]({WIKI}/IGF+2017)"
        ".",
        "links": [
            {
                "title": "Preparation for and documentation of the workshop",
                "kind": "wiki",
                "url": f"{WIKI}/IGF+2017",
            }
        ],
    },
]

#: Processes outside ICANN, by `key` (their acronym unless they have none); `body` is an
#: organization's acronym, `links` the process's own links, `events` its meetings
#: (`organizer` an organization's acronym). No description: the 2017 report says no more
#: about them than their names.
PROCESSES = [
    {
        "key": "WGEC",
        "acronym": "WGEC",
        "name": "Working Group on Enhanced Cooperation",
        "body": "CSTD",
        "url": "https://unctad.org/topic/commission-on-science-and-technology-for-"
        "development/working-group-on-enhanced-cooperation",
        "links": [
            {
                "title": "CCWG-IG community wiki page on the WGEC",
                "kind": "wiki",
                "url": f"{WIKI}/WGEC",
            }
        ],
        "events": [
            {
                "name": "WGEC meeting",
                "acronym": "WGEC",
                "organizer": "CSTD",
                "location": "Geneva",
                "starts_on": dt.date(2017, 1, 26),
                "ends_on": dt.date(2017, 1, 27),
            }
        ],
    },
    {
        "key": "OTT",
        "acronym": "",
        "name": "ITU Council Working Group on International Internet-related Public Policy "
        "(CWG-Internet) Open Consultation on Over the Top (OTT) services",
        "body": "ITU",
        "opens_on": dt.date(2017, 6, 1),
        "closes_on": dt.date(2017, 9, 30),
        "dates_precision": DatePrecision.MONTH,
        "url": "https://www.itu.int/en/council/cwg-internet/Pages/consultation-june2017.aspx",
    },
    {
        "key": "EG-ITRs",
        "acronym": "EG-ITRs",
        "name": "Expert Group on International Telecommunication Regulations",
        "body": "ITU",
        "url": "https://www.itu.int/en/council/eg-itrs/Pages/default.aspx",
    },
    {
        "key": "UN GGE",
        "acronym": "UN GGE",
        "name": "UN Group of Governmental Experts",
        "body": "UN",
        "description": "UN Group of Governmental Experts on Developments in the Field of "
        "Information and Telecommunications in the Context of International Security.",
    },
]

#: What every input below has unless it says otherwise (`requested_by`: an acronym). The
#: 2017 report does not say how the input was sought: the channel is not recorded.
INPUT_DEFAULTS = {
    "requested_on_precision": DatePrecision.MONTH,
    "requested_by": "ICANN-GE",
    "channel": InputChannel.NOT_RECORDED,
    "for_event": None,
}

#: Input sought from the group, one per process (key); `for_event` is the acronym of an
#: event of that process, `discussed_at` the dates of the teleconferences that discussed it.
#: Each summary is a phrase that completes the sentence "… sought input from the members
#: of the CCWG-IG …" (see `reports.assembly.sections`).
INPUTS = [
    {
        "process": "WGEC",
        "requested_on": dt.date(2016, 11, 1),
        "for_event": "WGEC",
        "summary": "for the call for contributions to the WGEC’s meeting of 26–27 January 2017",
        "outcome": "Based on the input from CCWG-IG members, ICANN contributed [this document]"
        "(https://www.icann.org/en/system/files/files/wgec-contribution-2017.pdf) to the "
        "meeting. The CCWG-IG also discussed other individuals’ and organizations’ input to "
        "the open consultation. The CCWG-IG also maintained a community wiki page for members "
        "who wished to follow the process.",
        "links": [
            {
                "title": "ICANN’s contribution to the WGEC meeting",
                "kind": "submission",
                "url": "https://www.icann.org/en/system/files/files/wgec-contribution-2017.pdf",
            },
        ],
    },
    {
        "process": "OTT",
        "requested_on": dt.date(2017, 8, 1),
        "summary": "into ICANN’s position on the Open Consultation on OTT services",
        "outcome": "The individual input of CCWG-IG members was taken into account when "
        "developing ICANN’s submission to the consultation, which is available [here]"
        "(https://www.itu.int/en/council/cwg-internet/Pages/display-june2017.aspx).",
        "links": [
            {
                "title": "ICANN’s submission to the consultation",
                "kind": "submission",
                "url": "https://www.itu.int/en/council/cwg-internet/Pages/display-june2017.aspx",
            }
        ],
    },
    {
        "process": "EG-ITRs",
        "requested_on": dt.date(2017, 1, 1),
        "summary": "on how ICANN should engage in the work of the ITU EG-ITRs",
        "outcome": "CCWG-IG members discussed their views on the mailing list in January. "
        "The January mailing list archive of discussion is [here]"
        "(https://mm.icann.org/pipermail/ccwg-internet-governance/2017-January/).",
        "links": [
            {
                "title": "January 2017 mailing-list archive of the discussion",
                "kind": "mailing_list",
                "url": "https://mm.icann.org/pipermail/ccwg-internet-governance/2017-January/",
            }
        ],
        "discussed_at": [dt.date(2017, 2, 2)],
    },
]

#: Events where threats were, or may be, decided.
THREAT_EVENTS = [
    {
        "name": "World Telecommunication Standardization Assembly (WTSA-16)",
        "acronym": "WTSA-16",
        "organizer": "ITU",
        "location": "Hammamet, Tunisia",
        "starts_on": dt.date(2016, 10, 25),
        "ends_on": dt.date(2016, 11, 3),
    },
    {
        "name": "World Telecommunication Development Conference (WTDC-17)",
        "acronym": "WTDC-17",
        "organizer": "ITU",
        "location": "Buenos Aires, Argentina",
        "starts_on": dt.date(2017, 10, 9),
        "ends_on": dt.date(2017, 10, 20),
    },
    {
        "name": "ITU Plenipotentiary Conference (PP-18)",
        "acronym": "PP-18",
        "organizer": "ITU",
        "location": "Dubai, United Arab Emirates",
        "starts_on": dt.date(2018, 10, 29),
        "ends_on": dt.date(2018, 11, 16),
        "url": "https://www.itu.int/web/pp-18/",
    },
]

THREATS_IDENTIFIED_ON = dt.date(2017, 10, 11)

#: The threats, in the report's order: (title, description, processes watched (acronyms),
#: next milestone, its date, its event (acronym)).
THREATS = [
    (
        "UN mechanisms to determine Internet public policy",
        "Concerns have also been expressed within the CCWG on proposals (as articulated "
        "above) before the UN, not least "
        "in the Working Group on Enhanced Cooperation (WGEC), that would mandate the UN to "
        "establish mechanisms to discuss and determine Internet public policy issues, "
        "including such issues as naming and addressing.",
        ["WGEC"],
        "",
        None,
        None,
    ),
    (
        "ITU work on domain name issues",
        "Within the context of the ITU, proposals (as recognised previously) were submitted "
        "to ITU WTSA in 2016 and to ITU WTDC in October 2017 from "
        "some countries that would oblige the ITU to work on domain name issues; including "
        "the determination of geographic names and on concerns relating to any "
        "discrimination found on the allocation of names. These proposals were not adopted, "
        "due to the consensus based nature of discussions at these two Conferences. It is, "
        "though, likely that similar proposals will be discussed and debated at the ITU "
        "Plenipotentiary Conference in October 2018 in Dubai (PP-18).",
        [],
        "ITU Plenipotentiary Conference (PP-18), Dubai",
        dt.date(2018, 10, 29),
        "PP-18",
    ),
    (
        "Cybersecurity treaty proposals in the UN",
        "In the UN context, it is also worth noting that proposals relating to a "
        "Cybersecurity Treaty are being discussed.",
        [],
        "",
        None,
        None,
    ),
]
