"""Helpers the API tests share."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """How many SQL queries one GET of `url` makes (asserting it answers 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def assert_field_error(response, field: str) -> list[str]:
    """A 400 answer naming `field`; returns its messages."""
    assert response.status_code == 400, (response.status_code, response.content)
    body = response.json()
    assert field in body, body
    assert isinstance(body[field], list) and body[field], body
    return body[field]
