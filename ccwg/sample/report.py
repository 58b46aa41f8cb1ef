"""The draft 2017 annual report: its period, title and narrative sections, and the staff's
edits of its generated words that make it the report the group approved in October 2017."""

import datetime as dt

from ccwg.core.models import DatePrecision
from reports.models import StatementsPlacement

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

#: "in 2016" is the 2017 report's own mistake (its meetings were in 2017): kept, so the
#: checks flag it on the draft. The report linked "BWG-IG" to features.icann.org.
INTERNAL_WORK_INTRO = """\
The Chair, and other representatives, of the Board Working Group on Internet Governance \
([BWG-IG](https://features.icann.org/)) were present at the CCWG-IG's face-to-face meetings \
in 2016.
"""

WAY_FORWARD = """\
After ICANN 59, the members of the CCWG-IG began work on a new “vehicle” following concerns \
from ICANN Community – particularly, the GNSO – on the structure of the CCWG-IG and its \
engagement with Supporting Organizations (SOs) and Advisory Committees (ACs). Reference was \
also drawn to the fact that given (naturally) the CCWG-IG does not have an end-goal or \
time-limit it does not comply with the (recently) agreed criteria for an ICANN CCWG.

In August 2017, the GNSO Council resolved to withdraw as a chartered member of CCWG-IG ahead \
of ICANN 61.

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

#: Looked up by group and year; left alone once a 2017 report is published.
REPORT_YEAR = 2017
REPORT = {
    "period_start": dt.date(2017, 1, 1),
    "period_end": dt.date(2017, 12, 31),
    # The report ends "ICANN, October 2017": dated by its month.
    "issued_on": dt.date(2017, 10, 1),
    "issued_on_precision": DatePrecision.MONTH,
    "title": "Report on the 2017 Activities of the Cross Community Working Group on "
    "Internet Governance (CCWG-IG)",
    "way_forward_heading": "Work on developing a way forward for ICANN cross-community work "
    "on Internet governance",
    "introduction": INTRODUCTION,
    "internal_work_intro": INTERNAL_WORK_INTRO,
    "way_forward": WAY_FORWARD,
    "threats_intro": THREATS_INTRO,
    # The group's report quotes the ccNSO's and Donna Austin's questions in the table.
    "statements_placement": StatementsPlacement.TABLE,
}

#: Staff's words in place of generated text: (generated, staff's). Each names the one block
#: whose generated text is, or else contains, the first (a change of the generator that no
#: longer makes it fails the sample's loading).
REWORDED: list[tuple[str, str]] = [
    (
        "Working Group on Enhanced Cooperation (WGEC) of the United Nations Commission on "
        "Science and Technology for Development (CSTD)",
        "Working Group on Enhanced Cooperation (WGEC) of the Commission for Science and "
        "Technology for Development (CSTD)",
    ),
    (
        "In November 2016, the ICANN Global Engagement Team sought input from the members of "
        "the CCWG-IG for the call for contributions to the WGEC’s meeting of 26–27 January "
        "2017.",
        "The ICANN Global Engagement Team sought input from the members of the CCWG-IG in "
        "November 2016 for the call for contributions to the WGEC’s January 26-27 2017 "
        "meeting of the WGEC.",
    ),
    (
        "ITU Council Working Group on International Internet-related Public Policy "
        "(CWG-Internet) Open Consultation on Over the Top (OTT) services",
        "Input on International Telecommunication Union (ITU) Council Working Group on "
        "International Internet-related Public Policy (CWG-Internet) Open Consultation on "
        "Over the Top (OTT) services",
    ),
    (
        "In August 2017, the ICANN Global Engagement Team sought input from the members of "
        "the CCWG-IG into ICANN’s position on the Open Consultation on OTT services.",
        "In August, the Global Engagement team sought input into ICANN’s position on the Open "
        "Consultation on OTT services, which was open June to September 2017.",
    ),
    (
        "Expert Group on International Telecommunication Regulations (EG-ITRs) of the "
        "International Telecommunication Union (ITU)",
        "Input on ITU Expert Group on International Telecommunication Regulations (EG-ITRs)",
    ),
    (
        "In January 2017, the ICANN Global Engagement Team sought input from the members of "
        "the CCWG-IG on how ICANN should engage in the work of the ITU EG-ITRs.",
        "In January, the Global Engagement team sought input on how ICANN should engage in "
        "the work of the ITU EG-ITRs.",
    ),
    (
        "Within the context of the ITU, proposals (as recognised previously) were submitted "
        "to ITU WTSA in 2016 and to ITU WTDC in October 2017 from some countries",
        "Within the context of the ITU, proposals (as recognised previously) were submitted "
        "to ITU WTSA in 2016 and to ITU WTDC (last month) from some countries",
    ),
]

#: Generated blocks staff left out, by their generated text: the OTT consultation's dates
#: (the lead above says them), section 3's chartering note and the GNSO sentence (the
#: narrative says it where the group put it), and the threats' sub-headings (the group's
#: section 4 is one run of paragraphs). Every list of links is left out too
#: (`KEYS_LEFT_OUT`): the records' notes and outcomes link the documents in their sentences.
LEFT_OUT: list[str] = [
    "Open June to September 2017",
    "Chartering organizations in October 2017: ALAC, GNSO (withdrawal decided), ccNSO.",
    "UN mechanisms to determine Internet public policy",
    "ITU work on domain name issues",
    "Cybersecurity treaty proposals in the UN",
]
#: Blocks left out by their key: the lists of links, and the generated sentence on the GNSO's
#: withdrawal (the narrative says it, after its first paragraph, as the group wrote it).
KEYS_LEFT_OUT: list[str] = ["*/links", "way-forward/chartership/*"]

#: Sections placed where the group put them: (generated heading, place among its siblings).
#: The OTT consultation is 2.3.2, before the EG-ITRs, although input on it was sought later.
MOVED: list[tuple[str, int]] = [
    (
        "ITU Council Working Group on International Internet-related Public Policy "
        "(CWG-Internet) Open Consultation on Over the Top (OTT) services",
        2,
    ),
]

#: Where the sample report departs from the group's October 2017 report, and why: each is a
#: deliberate correction (reference text, the sample's text, the reason).
DEPARTURES: list[tuple[str, str, str]] = [
    (
        "ICANN 55, Copenhagen",
        "ICANN 58, Copenhagen",
        "The meeting was held at ICANN 58 (Copenhagen, March 2017); ICANN 55 was Marrakech.",
    ),
    (
        "ICANN 56, Johannesburg",
        "ICANN 59, Johannesburg",
        "The meeting was held at ICANN 59 (Johannesburg, June 2017); ICANN 56 was Helsinki. "
        "Its date is ICANN 59's (26–29 June 2017): the report repeated Copenhagen's.",
    ),
    (
        "CCWG-IG members discussed their views on the on the mailing list in January.",
        "CCWG-IG members discussed their views on the mailing list in January.",
        "A repeated “on the”.",
    ),
    (
        "… the (recently) agreed criterial for an ICANN CCWG.",
        "… the (recently) agreed criteria for an ICANN CCWG.",
        "A misspelling.",
    ),
    (
        "g. Global Commission on the Stability of Cyberspace (GCSC) on",
        "g. Global Commission on the Stability of Cyberspace (GCSC)",
        "A stray “on” at the end of the agenda item.",
    ),
    (
        "ICANN / October. 2017 (the cover)",
        "October 2017",
        "A stray full stop in the date.",
    ),
]
