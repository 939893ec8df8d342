"""Accounts: the implicit local user in single-user mode, registration and login in multi-user mode."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.domain.errors import BadRequest, Conflict, Unauthorized
from mlcoach.storage.db import transaction
from mlcoach.storage.repositories import Users

LOCAL_USER = "local"
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
MIN_PASSWORD = 10


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def local_user_id(sessions: sessionmaker[Session]) -> int:
    """The single user of a local install, created on first use."""
    with transaction(sessions) as s:
        users = Users(s)
        user = users.by_name(LOCAL_USER) or users.add(LOCAL_USER, "")
        return user.id


def register(sessions: sessionmaker[Session], username: str, password: str) -> int:
    username = username.strip()
    if not USERNAME.match(username):
        raise BadRequest("username must be 3-32 letters, digits, '.', '_' or '-'", field="username")
    if username == LOCAL_USER:
        raise BadRequest("that username is reserved", field="username")
    if len(password) < MIN_PASSWORD:
        raise BadRequest(f"password must have at least {MIN_PASSWORD} characters", field="password")
    with transaction(sessions) as s:
        users = Users(s)
        if users.by_name(username) is not None:
            raise Conflict("that username is taken", field="username")
        return users.add(username, _hasher().hash(password)).id


def authenticate(sessions: sessionmaker[Session], username: str, password: str) -> int:
    from argon2.exceptions import InvalidHashError, VerifyMismatchError

    with transaction(sessions) as s:
        user = Users(s).by_name(username.strip())
        if user is None or not user.password_hash:
            _hasher().hash(password)  # same cost whether or not the user exists
            raise Unauthorized("wrong username or password")
        hasher = _hasher()
        try:
            hasher.verify(user.password_hash, password)
        except (VerifyMismatchError, InvalidHashError):
            raise Unauthorized("wrong username or password") from None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        return user.id


def username_of(sessions: sessionmaker[Session], user_id: int) -> str:
    with transaction(sessions) as s:
        user = Users(s).by_id(user_id)
        return user.username if user else ""
