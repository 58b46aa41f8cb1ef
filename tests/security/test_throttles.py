"""API throttles: anonymous clients per address, logged-in ones per user, the token endpoint
on its own scope; past the rate, 429 as JSON with Retry-After. The suite's settings keep the
rates high; this test lowers them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle


@pytest.fixture
def low_rates(monkeypatch, db):  # the throttles count in the (database) cache
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "3/minute", "user": "5/minute", "token": "2/minute"},
    )
    cache.clear()
    yield
    cache.clear()


def assert_throttled(response) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "throttled" in response.json()["detail"].lower()
    assert int(response["Retry-After"]) > 0


def test_anonymous_clients_are_throttled_per_address(low_rates, db):
    client = APIClient(REMOTE_ADDR="192.0.2.1")
    assert [client.get("/api/v1/reports/").status_code for _ in range(3)] == [200] * 3
    assert_throttled(client.get("/api/v1/reports/"))
    assert APIClient(REMOTE_ADDR="192.0.2.2").get("/api/v1/reports/").status_code == 200


def test_logged_in_clients_are_throttled_per_user(low_rates, member_api, staff_api):
    assert [member_api.get("/api/v1/meetings/").status_code for _ in range(5)] == [200] * 5
    assert_throttled(member_api.get("/api/v1/meetings/"))
    assert_throttled(member_api.get("/api/v1/meetings/", HTTP_ACCEPT="application/json"))
    assert staff_api.get("/api/v1/meetings/").status_code == 200


def test_the_token_endpoint_has_its_own_tighter_rate(low_rates, db):
    client = APIClient()
    body = {"username": "nobody", "password": "wrong"}
    assert [client.post("/api/token/", body).status_code for _ in range(2)] == [400, 400]
    assert_throttled(client.post("/api/token/", body))
