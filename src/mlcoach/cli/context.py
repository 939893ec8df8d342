"""Open the app's services for a command: settings, database (migrated) and the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlcoach.services.coach import Coach


def open_coach(username: str | None = None) -> tuple[Coach, int]:
    from mlcoach.domain.errors import NotFound
    from mlcoach.services.accounts import local_user_id
    from mlcoach.services.coach import Coach
    from mlcoach.settings import load_settings
    from mlcoach.storage.db import transaction
    from mlcoach.storage.repositories import Users

    coach = Coach(load_settings())
    coach.migrate()
    if username is None:
        return coach, local_user_id(coach.sessions)
    with transaction(coach.sessions) as s:
        user = Users(s).by_name(username)
        if user is None:
            raise NotFound(f"no user named '{username}'", field="--user")
        return coach, user.id
