"""The records behind the CCWG-IG's 2017 annual report, and the demo logins.

The facts are plain data, one module per area: `groups` (organizations, groups, charters),
`meetings` (ICANN meetings, the meetings held at them, statements), `teleconferences`,
`engagements` (events, workshops, processes, inputs, threats) and `report`; agendas are
built with `agenda.item`. `loader` writes them through the services. Commands:
`load_sample_data`, and `create_demo_users` (with the Secretariat group, `secretariat`).
"""
