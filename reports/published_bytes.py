"""Each app server's short-lived copies of published documents' bytes.

A published document never changes (`reports.models.PublishedDocument`), so a worker may
keep the bytes it read: the download's query then reads the document's digest, not its
megabytes (on PostgreSQL the bytes cross the wire hex-encoded), and the bytes come from
memory. Bytes read from the database are hashed and compared with the document's digest
before they are kept or served (`Damaged` otherwise), and a copy is served only for the
digest read from the database on that request: what was checked once is not hashed again
on every response. A copy is read again from the database after `MAX_AGE` seconds, so
damage to the stored bytes is found within that time; the copies of one process hold at
most `MAX_BYTES`. Nothing here is state: a restarted server starts
without copies and loses nothing.
"""

from __future__ import annotations

import hashlib
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


class Damaged(Exception):
    """The stored bytes do not hash to the digest recorded when the document was published."""

    def __init__(self, found: str) -> None:
        super().__init__(found)
        #: the SHA-256 the stored bytes hash to
        self.found = found


MAX_AGE = 60.0
MAX_BYTES = 64 * 1024 * 1024

#: document pk -> (its digest, when read, its bytes); oldest first.
_copies: OrderedDict[int, tuple[str, float, bytes]] = OrderedDict()


def stored_bytes(document: Stored) -> bytes:
    """The bytes of `document` (read without them): this process's recent copy, or the
    database's once they match its digest (else `Damaged`, and nothing is kept)."""
    now = time.monotonic()
    copy = _copies.get(document.pk)
    if copy is not None and copy[0] == document.sha256 and now - copy[1] < MAX_AGE:
        return copy[2]
    content = bytes(
        PublishedDocument.objects.filter(pk=document.pk).values_list("content", flat=True).get()
    )
    _copies.pop(document.pk, None)
    found = hashlib.sha256(content).hexdigest()
    if found != document.sha256:
        raise Damaged(found)
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
