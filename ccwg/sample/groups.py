"""The working groups, the organizations, who charters the CCWG-IG, and its charters."""

import datetime as dt

from ccwg.core.models import CharterStatus, DatePrecision, OrganizationKind, WorkingGroupKind

#: (acronym, name, kind)
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
    ("MAG", "IGF Multistakeholder Advisory Group", OrganizationKind.EXTERNAL),
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

#: The group proposed to take over the CCWG-IG's work.
SUCCESSOR = {
    "acronym": "CCEG-IG",
    "name": "Cross Community Engagement Group on Internet Governance",
    "kind": WorkingGroupKind.ENGAGEMENT_GROUP,
    "description": "The new cross-community vehicle for ICANN community work on "
    "Internet governance, proposed by the CCWG-IG in 2017.",
}

#: The group the sample report is about; `successor` is an acronym.
GROUP = {
    "acronym": "CCWG-IG",
    "name": "Cross Community Working Group on Internet Governance",
    "kind": WorkingGroupKind.CCWG,
    "discussion_began_on": dt.date(2013, 12, 1),
    "discussion_began_precision": DatePrecision.MONTH,
    "description": "Cross-community working group of ICANN's Supporting Organizations "
    "and Advisory Committees on Internet governance: it follows Internet governance "
    "processes outside ICANN and gives input to ICANN's engagement in them.",
    # The group's own words (the 2017 report's), as every report states them.
    "resources_note": "In terms of Resources the CCWG IG is supported by minimal resources in "
    "the Government Engagement Group (amounting to no more than 0.2 FTE).",
    "successor": "CCEG-IG",
    "mailing_list": "ccwg-internet-governance@icann.org",
}

#: The CCWG-IG's chartering organizations (acronyms); `withdrawal_effective_before` is the
#: number of an ICANN meeting.
CHARTERSHIPS = [
    {
        "organization": "GNSO",
        "withdrawal_decided_on": dt.date(2017, 8, 1),
        "withdrawal_decided_precision": DatePrecision.MONTH,
        "withdrawal_effective_before": 61,
        "note": "The GNSO Council resolved to withdraw as a chartered member of the CCWG-IG "
        "ahead of ICANN 61.",
    },
    {"organization": "ccNSO"},
    {"organization": "ALAC"},
]

#: (group acronym, label, values)
CHARTER_VERSIONS = [
    (
        "CCWG-IG",
        "Original charter",
        {
            "status": CharterStatus.ADOPTED,
            "summary": "Did not include regular reporting from the CCWG-IG back to the "
            "chartering organizations.",
        },
    ),
    (
        "CCWG-IG",
        "Amended charter (2017)",
        {
            "status": CharterStatus.PROPOSED,
            "summary": "Revisions requested by the GNSO Council; the GNSO and the ccNSO raised "
            "questions about the amended charter (teleconference of 20 June 2017).",
        },
    ),
    (
        "CCEG-IG",
        "Cross Community Engagement Group: attributes",
        {
            "status": CharterStatus.DRAFT,
            "drafted_on": dt.date(2017, 10, 17),
            "summary": "First draft of the attributes of a Cross Community Engagement Group, "
            "presented to the CCWG-IG on 17 October 2017 and under discussion.",
        },
    ),
]
