"""Each app server's short-lived copies of published documents' bytes.

A published document never changes (`reports.models.PublishedDocument`), so a worker may
keep the bytes it read: the download's query then reads the document's digest, not its
megabytes (on PostgreSQL the bytes cross the wire hex-encoded), and the bytes come from
memory. Every response is still hashed and compared with the digest read from the
database on that request (`reports.views`). A copy is read again from the database after
`MAX_AGE` seconds, so damage to the stored bytes is found within that time; the copies of
one process hold at most `MAX_BYTES`. Nothing here is state: a restarted server starts
without copies and loses nothing.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Protocol

from reports.models import PublishedDocument


class Stored(Protocol):
    """A published document, known by its key and digest (its bytes not read)."""

    @property
    def pk(self) -> int: ...
    @property
    def sha256(self) -> str: ...


MAX_AGE = 60.0
MAX_BYTES = 64 * 1024 * 1024

#: document pk -> (its digest, when read, its bytes); oldest first.
_copies: OrderedDict[int, tuple[str, float, bytes]] = OrderedDict()


def stored_bytes(document: Stored) -> bytes:
    """The bytes of `document` (read without them): this process's recent copy, or the
    database's."""
    now = time.monotonic()
    copy = _copies.get(document.pk)
    if copy is not None and copy[0] == document.sha256 and now - copy[1] < MAX_AGE:
        return copy[2]
    content = bytes(
        PublishedDocument.objects.filter(pk=document.pk).values_list("content", flat=True).get()
    )
    _copies.pop(document.pk, None)
    _copies[document.pk] = (document.sha256, now, content)
    while sum(len(entry[2]) for entry in _copies.values()) > MAX_BYTES and len(_copies) > 1:
        _copies.popitem(last=False)
    return content


def forget(document: Stored | None = None) -> None:
    """Drop the copy of `document` (every copy when None): its bytes are read again."""
    if document is None:
        _copies.clear()
    else:
        _copies.pop(document.pk, None)
