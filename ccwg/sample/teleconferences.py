"""The CCWG-IG's teleconferences of 2017: date, attendance and agenda.

The report gives only their dates (no times) and how many attended.
"""

import datetime as dt

from ccwg.sample.agenda import item

TELECONFERENCE_TITLE = "CCWG-IG teleconference"

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
