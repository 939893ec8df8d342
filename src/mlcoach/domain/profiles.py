"""Company interview loops and role profiles: data that drives mocks and plans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    round: str
    minutes: int
    questions: int
    what: str


@dataclass(frozen=True)
class CompanyProfile:
    id: str
    name: str
    summary: str
    emphasizes: tuple[str, ...]
    loop: tuple[Stage, ...]
    tips: tuple[str, ...]


@dataclass(frozen=True)
class Transition:
    source_role: str
    plan: str


@dataclass(frozen=True)
class RoleProfile:
    id: str
    name: str
    summary: str
    responsibilities: tuple[str, ...]
    skills: tuple[str, ...]
    tools: tuple[str, ...]
    rounds: dict[str, float]
    topic_weights: dict[str, float]
    typical_items: tuple[str, ...]
    transitions: tuple[Transition, ...]
    salary_note: str = ""


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, str]
    roles: dict[str, str]
    companies: dict[str, str]
    rounds: dict[str, str]
    design_steps: dict[str, str]

    def facet(self, name: str) -> dict[str, str]:
        return {
            "topics": self.topics,
            "roles": self.roles,
            "companies": self.companies,
            "rounds": self.rounds,
        }[name]
