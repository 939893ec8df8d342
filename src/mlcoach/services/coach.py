"""The façade the interfaces hold: settings, the bank, its search index and the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank, load_bank
from mlcoach.content.search import SearchIndex
from mlcoach.settings import Settings
from mlcoach.storage.db import make_engine, migrate, session_factory


@dataclass
class Coach:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @cached_property
    def bank(self) -> Bank:
        return load_bank(self.settings.content_path)

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex(self.bank.items)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database)
        return self._engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return session_factory(self.engine)

    def migrate(self) -> None:
        migrate(self.engine)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
