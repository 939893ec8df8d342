"""Read company and role profiles (docs/content.md) into domain objects."""

from __future__ import annotations

from mlcoach.content.fields import Reader
from mlcoach.domain.profiles import CompanyProfile, RoleProfile, Stage, Taxonomy, Transition


def parse_company(r: Reader, taxonomy: Taxonomy, expected_id: str) -> CompanyProfile | None:
    before = len(r.problems)
    cid = r.text("id")
    if cid and cid != expected_id:
        r.problem(r.line("id"), f"id '{cid}' does not match the file name '{expected_id}'")
    if cid and cid not in taxonomy.companies:
        r.problem(r.line("id"), f"company '{cid}' is not in taxonomy.yaml")
    stages = []
    for s in r.mappings("loop", required=True):
        stages.append(
            Stage(
                round=s.slug("round", taxonomy.rounds),
                minutes=s.integer("minutes", lo=5, hi=480, default=45),
                questions=s.integer("questions", lo=0, hi=20, default=0),
                what=s.text("what"),
            )
        )
    if not stages:
        r.problem(r.line("loop"), "a company profile needs at least one loop stage")
    profile = CompanyProfile(
        id=cid,
        name=r.text("name"),
        summary=r.text("summary"),
        emphasizes=r.texts("emphasizes"),
        loop=tuple(stages),
        tips=r.texts("tips"),
    )
    return profile if len(r.problems) == before else None


def _weights(r: Reader, key: str, allowed: dict[str, str]) -> dict[str, float]:
    sub = r.mapping(key)
    if sub is None:
        return {}
    out: dict[str, float] = {}
    for name in sub.data:
        if name not in allowed:
            sub.problem(sub.line(name), f"unknown {key} key '{name}'")
        value = sub.number(name)
        if value is not None:
            out[name] = value
    total = sum(out.values())
    if out and abs(total - 1.0) > 0.02:
        r.problem(r.line(key), f"'{key}' weights sum to {total:.2f}; they must sum to 1")
    return out


def parse_role(r: Reader, taxonomy: Taxonomy, expected_id: str) -> RoleProfile | None:
    before = len(r.problems)
    rid = r.text("id")
    if rid and rid != expected_id:
        r.problem(r.line("id"), f"id '{rid}' does not match the file name '{expected_id}'")
    if rid and rid not in taxonomy.roles:
        r.problem(r.line("id"), f"role '{rid}' is not in taxonomy.yaml")
    transitions = tuple(Transition(t.slug("from", taxonomy.roles), t.text("plan")) for t in r.mappings("transitions"))
    profile = RoleProfile(
        id=rid,
        name=r.text("name"),
        summary=r.text("summary"),
        responsibilities=r.texts("responsibilities"),
        skills=r.texts("skills"),
        tools=r.texts("tools"),
        rounds=_weights(r, "rounds", taxonomy.rounds),
        topic_weights=_weights(r, "topic_weights", taxonomy.topics),
        typical_items=r.texts("typical_items"),
        transitions=transitions,
        salary_note=r.text("salary_note", required=False),
    )
    return profile if len(r.problems) == before else None
