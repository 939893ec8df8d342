"""Full-text search and tag filters over the bank (SQLite FTS5 in memory, built once per bank)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from mlcoach.domain.items import Item

FACETS = ("kind", "topic", "role", "company", "round", "difficulty")
_TOKEN = re.compile(r"[\w]+", re.UNICODE)


@dataclass(frozen=True)
class Query:
    text: str = ""
    kind: str = ""
    topic: str = ""
    role: str = ""
    company: str = ""
    round: str = ""
    difficulty: int | None = None

    def matches(self, item: Item) -> bool:
        return (
            (not self.kind or item.kind.value == self.kind)
            and (not self.topic or self.topic in item.topics)
            and (not self.role or self.role in item.roles)
            and (not self.company or self.company in item.companies)
            and (not self.round or item.round == self.round)
            and (self.difficulty is None or item.difficulty == self.difficulty)
        )


@dataclass
class SearchIndex:
    """An FTS5 index of prompts, answers, rubric points and tags, ranked by BM25."""

    items: dict[str, Item]
    _db: sqlite3.Connection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, prompt, body, tags, tokenize='porter unicode61')"
        )
        self._db.executemany("INSERT INTO doc VALUES (?, ?, ?, ?)", (_row(i) for i in self.items.values()))
        self._db.commit()

    def search(self, query: Query, limit: int | None = None) -> list[Item]:
        """Items matching every filter; with text, ranked by relevance (prompt matches weigh most)."""
        words = _TOKEN.findall(query.text.lower())
        if words:
            expr = " AND ".join(f'"{w}"*' for w in words)
            rows = self._db.execute(
                "SELECT id FROM doc WHERE doc MATCH ? ORDER BY bm25(doc, 0.0, 4.0, 1.0, 2.0)", (expr,)
            ).fetchall()
            candidates: Iterable[Item] = (self.items[r[0]] for r in rows)
        else:
            candidates = sorted(self.items.values(), key=lambda i: (i.kind.value, i.difficulty, i.id))
        out = [i for i in candidates if query.matches(i)]
        return out[:limit] if limit else out


def _row(item: Item) -> tuple[str, str, str, str]:
    body = " ".join([item.answer, *(p.point for p in item.rubric), *(o.text for o in item.options)])
    tags = " ".join([item.kind.value, item.round, *item.topics, *item.roles, *item.companies]).replace("-", " ")
    return (item.id, item.prompt, body, tags)
