"""The history of a meeting and of everything on its page, in change sets, and its restore.

A meeting's *state* is plain, JSON-able data: its fields, the organizations present, and
each part of its page (agenda items and their links, attendance, speakers, statements,
outcomes, action items, links) as rows by id, with foreign keys as ids:

    {"meeting": {"title": ..., "members_present": 11, ...}, "organizations_present": [3, 7],
     "agenda_items": {"12": {"parent": None, "position": 1, "title": ..., "notes": ...}}, ...}

`current_state` reads it from the records; `meeting_history` replays the history tables of the
meeting and its parts into `ChangeSetEntry`s, one per save (rows sharing a
`history_change_set`, see `ccwg.core.change_sets`; older rows by the same user within a few
seconds), each with the state before and after it and what changed in words
(`diff_states`: "Agenda: added 'ITU EG-ITR' under 1.", "Members present: 11 → 15").

Restoring (`restore_meeting`) writes a target state through `meetings.services.update_meeting`,
so the restore is itself a change set of the history: the whole state after a chosen change
set, or only some items of the difference between now and then (`Change.item`: one field,
the organizations present, or one row of a part, a deleted one included; an agenda item comes
back with its sub-items and links, and the statements and actions that pointed at it).
"""

from __future__ import annotations

# The package's parts: `state` (what a meeting's state holds), `replay` (the history tables
# into change sets), `wording` (changes in words), `restore` (restoring and undoing).
from meetings.history.replay import (  # noqa: F401
    ChangeSetEntry,
    find_change_set,
    group_key,
    meeting_history,
)
from meetings.history.restore import (  # noqa: F401
    RestorePlan,
    ServiceInput,
    build_target,
    plan_restore,
    plan_undo,
    restore_meeting,
    service_input,
    undo_target,
)
from meetings.history.state import (  # noqa: F401
    LEGACY_GAP,
    MAX_LISTED,
    MEETING_FIELDS,
    ORGANIZATIONS,
    PART_BY_KEY,
    PARTS,
    Part,
    Row,
    State,
    current_state,
    empty_state,
    state_of,
)
from meetings.history.wording import (  # noqa: F401
    SIMILAR,
    Change,
    Names,
    agenda_paths,
    align,
    diff_states,
    path_label,
    worded,
)
