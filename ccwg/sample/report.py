"""The draft 2017 annual report: its period, title and narrative sections."""

import datetime as dt

from ccwg.core.models import DatePrecision

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
}
