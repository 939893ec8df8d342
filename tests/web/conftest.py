from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from mlcoach.settings import Settings
from mlcoach.web.app import create_app

SECRET = "a-test-secret-that-is-long-enough"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as c:
        yield c
    app.state.coach.close()


@pytest.fixture
def multi_client(make_settings: Callable[..., Settings]) -> Iterator[Callable[[], TestClient]]:
    """Several independent browsers (cookie jars) on one multi-user app."""
    app = create_app(make_settings(MLCOACH_MULTI_USER="1", MLCOACH_SECRET_KEY=SECRET))
    clients: list[TestClient] = []

    def new() -> TestClient:
        c = TestClient(app)
        clients.append(c)
        return c

    yield new
    for c in clients:
        c.close()
    app.state.coach.close()


def csrf_of(client: TestClient) -> str:
    token = client.get("/api/csrf").json()["csrf_token"]
    assert isinstance(token, str) and len(token) > 20
    return token
