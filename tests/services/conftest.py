from __future__ import annotations

from collections.abc import Iterator

import pytest

from mlcoach.services.accounts import local_user_id
from mlcoach.services.coach import Coach
from mlcoach.settings import Settings


@pytest.fixture
def coach(settings: Settings) -> Iterator[Coach]:
    c = Coach(settings)
    c.migrate()
    yield c
    c.close()


@pytest.fixture
def user(coach: Coach) -> int:
    return local_user_id(coach.sessions)
