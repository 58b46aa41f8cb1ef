"""The core app: working groups, organizations, charterships, charter versions, people and
roles, and the calendar and reference records every other app refers to.

Its app label is `ccwg` (tables, migrations, content types and permissions keep that name).
"""
