"""Writes of a report's words (`reports.blocks`): staff's text in place of a generated
block, reverting to the generated text, leaving a block out or back in.

Each locks the draft (`reports.services.lock_draft`: a published report's words answer
`ReportFrozen`) and refuses a key the report does not have. `generated_at_edit` keeps the
text generated at each write, so that a later change of the records shows as stale; writing
again (the same text) marks the block reviewed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from reports.block_selectors import generated_blocks
from reports.blocks import Block
from reports.models import AnnualReport, ReportBlockEdit
from reports.services import lock_draft

UNKNOWN_KEY = "This report has no block with this key."


def check_key(*, report: AnnualReport, key: str) -> Block:
    """The block `key` of the report; a `ValidationError` naming `key` when it has none."""
    block = next((b for b in generated_blocks(report) if b.key == key), None)
    if block is None:
        raise ValidationError({"key": [UNKNOWN_KEY]})
    return block


#: Leaves a part of an edit as it is.
KEEP: Any = object()


def _write(
    report: AnnualReport,
    key: str,
    user: Any,
    *,
    text: Any = KEEP,
    omitted: Any = KEEP,
    position: Any = KEEP,
) -> ReportBlockEdit | None:
    """The block's edit with `text` (None: the generated), `omitted` and `position` (None:
    the generated order), each unless KEEP; the edit is deleted when it no longer changes
    anything."""
    locked = lock_draft(report=report)
    block = check_key(report=locked, key=key)
    edit = ReportBlockEdit.objects.filter(report=locked, key=key).first()
    if edit is None:
        edit = ReportBlockEdit(report=locked, key=key)
    if text is not KEEP:
        edit.text = text
    if omitted is not KEEP:
        if omitted and not block.omittable:
            raise ValidationError({"omitted": ["This heading cannot be left out."]})
        edit.omitted = omitted
    if position is not KEEP:
        if position is not None and not block.movable:
            raise ValidationError(
                {"position": ["Only a section among sibling sections can be moved."]}
            )
        edit.position = position
    edit.edited_by = user if getattr(user, "pk", None) else None
    if edit.text is None and not edit.omitted and edit.position is None:
        if edit.pk is not None:
            edit.delete()  # its history's last row says who reverted it
        return None
    edit.generated_at_edit = block.generated
    edit.full_clean()
    edit.save()
    return edit


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ["Give the text, or leave the block out."]})
    return text


@transaction.atomic
def edit_block(*, report: AnnualReport, key: str, text: str, user: Any = None) -> ReportBlockEdit:
    """Staff's words in place of the generated text of block `key` of a draft."""
    edit = _write(report, key, user, text=_text(text))
    assert edit is not None  # it carries text
    return edit


@transaction.atomic
def revert_block(*, report: AnnualReport, key: str, user: Any = None) -> ReportBlockEdit | None:
    """Block `key` back to its generated text (still left out if it was)."""
    return _write(report, key, user, text=None)


@transaction.atomic
def omit_block(
    *, report: AnnualReport, key: str, omitted: bool, user: Any = None
) -> ReportBlockEdit | None:
    """Leave block `key` out of the report, or back in (with staff's text if edited)."""
    return _write(report, key, user, omitted=omitted)


@transaction.atomic
def move_block(
    *, report: AnnualReport, key: str, position: int | None, user: Any = None
) -> ReportBlockEdit | None:
    """Section `key` (a heading among sibling sections: processes, events, threats) to
    place `position` among its siblings (1: first); None: back to the generated order."""
    if position is not None and position < 1:
        raise ValidationError({"position": ["A place is counted from 1."]})
    return _write(report, key, user, position=position)
