"""Load the bank: the built-in pack inside the package plus user packs from settings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mlcoach.content.exercise_schema import parse_exercise
from mlcoach.content.fields import Reader
from mlcoach.content.item_schema import parse_item
from mlcoach.content.profile_schema import parse_company, parse_role
from mlcoach.content.yaml_lines import LineDict, YamlSyntaxError, load_yaml
from mlcoach.domain.errors import ContentError, NotFound, Problem
from mlcoach.domain.exercises import Exercise, Language
from mlcoach.domain.items import Item, Kind
from mlcoach.domain.profiles import CompanyProfile, RoleProfile, Taxonomy

BUILTIN = Path(__file__).resolve().parent.parent / "bank"


@dataclass
class Bank:
    taxonomy: Taxonomy
    items: dict[str, Item] = field(default_factory=dict)
    companies: dict[str, CompanyProfile] = field(default_factory=dict)
    roles: dict[str, RoleProfile] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    coverage: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # item id -> line of `related`, for messages

    def get(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFound(f"no item with id '{item_id}'") from None

    def neighbours(self, item: Item) -> tuple[Item, ...]:
        """Other written items on `item`'s primary topic, not declared related to it: the questions a
        candidate may answer instead of the one asked (the grader checks for that)."""
        if not item.topics:
            return ()
        topic = item.topics[0]
        return tuple(
            other
            for other in self.items.values()
            if other.id != item.id
            and other.id not in item.related
            and topic in other.topics
            and other.rubric
            and other.answer.strip()
            and other.kind is not Kind.MCQ
        )

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise NotFound(f"no exercise with id '{exercise_id}'") from None

    def company(self, company_id: str) -> CompanyProfile:
        try:
            return self.companies[company_id]
        except KeyError:
            raise NotFound(f"no company profile '{company_id}'") from None

    def role(self, role_id: str) -> RoleProfile:
        try:
            return self.roles[role_id]
        except KeyError:
            raise NotFound(f"no role profile '{role_id}'") from None


def _read(path: Path, problems: list[Problem], root: Path) -> LineDict | None:
    shown = _display(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, 1, f"cannot read file: {exc}"))
        return None
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, exc.message))
        return None
    if not isinstance(data, LineDict):
        problems.append(Problem(shown, 1, "the file must hold a YAML mapping"))
        return None
    return data


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_taxonomy(paths: Sequence[Path], problems: list[Problem]) -> Taxonomy:
    merged: dict[str, dict[str, str]] = {k: {} for k in ("topics", "roles", "companies", "rounds", "design_steps")}
    for root in paths:
        f = root / "taxonomy.yaml"
        if not f.exists():
            continue
        data = _read(f, problems, root)
        if data is None:
            continue
        for key, value in data.items():
            if key not in merged:
                problems.append(Problem(_display(f, root), data.line_of(key), f"unknown section '{key}'"))
            elif not isinstance(value, dict):
                problems.append(Problem(_display(f, root), data.line_of(key), f"'{key}' must be a mapping"))
            else:
                merged[key].update({str(k): str(v) for k, v in value.items()})
    return Taxonomy(**merged)


def load_bank(extra: Sequence[Path] = (), *, include_builtin: bool = True) -> Bank:
    """Load and validate every pack; problems are collected in `bank.problems`, never raised."""
    roots = ([BUILTIN] if include_builtin else []) + [Path(p) for p in extra]
    problems: list[Problem] = []
    for root in roots:
        if not root.is_dir():
            problems.append(Problem(str(root), 1, "content directory does not exist"))
    roots = [r for r in roots if r.is_dir()]
    taxonomy = load_taxonomy([BUILTIN, *roots] if not include_builtin else roots, problems)
    bank = Bank(taxonomy=taxonomy, problems=problems)
    seen: dict[str, str] = {}
    for root in roots:
        _load_items(root, bank, seen)
        _load_exercises(root, bank, seen)
        _load_profiles(root, bank)
    for root in roots:
        _load_coverage(root, bank)
    _cross_checks(bank)
    return bank


def _load_items(root: Path, bank: Bank, seen: dict[str, str]) -> None:
    for f in sorted((root / "items").glob("**/*.yaml")):
        data = _read(f, bank.problems, root)
        if data is None:
            continue
        shown = _display(f, root)
        item = parse_item(Reader(shown, data, bank.problems), bank.taxonomy, f.stem)
        if item is None:
            continue
        if item.id in seen:
            bank.problems.append(
                Problem(shown, data.line_of("id"), f"duplicate id '{item.id}' (also in {seen[item.id]})")
            )
            continue
        seen[item.id] = shown
        bank.items[item.id] = item
        if item.related:
            bank.lines[item.id] = data.line_of("related")


def _load_exercises(root: Path, bank: Bank, seen: dict[str, str]) -> None:
    for language in Language:
        for f in sorted((root / "exercises" / language.value).glob("*.yaml")):
            data = _read(f, bank.problems, root)
            if data is None:
                continue
            shown = _display(f, root)
            ex = parse_exercise(Reader(shown, data, bank.problems), bank.taxonomy, f.stem, language)
            if ex is None:
                continue
            if ex.id in seen:
                bank.problems.append(
                    Problem(shown, data.line_of("id"), f"duplicate id '{ex.id}' (also in {seen[ex.id]})")
                )
                continue
            seen[ex.id] = shown
            bank.exercises[ex.id] = ex


def _load_profiles(root: Path, bank: Bank) -> None:
    for f in sorted((root / "companies").glob("*.yaml")):
        data = _read(f, bank.problems, root)
        if data is not None:
            c = parse_company(Reader(_display(f, root), data, bank.problems), bank.taxonomy, f.stem)
            if c is not None:
                bank.companies[c.id] = c
    for f in sorted((root / "roles").glob("*.yaml")):
        data = _read(f, bank.problems, root)
        if data is not None:
            r = parse_role(Reader(_display(f, root), data, bank.problems), bank.taxonomy, f.stem)
            if r is not None:
                bank.roles[r.id] = r


def _load_coverage(root: Path, bank: Bank) -> None:
    for f in sorted((root / "coverage").glob("*.yaml")):
        data = _read(f, bank.problems, root)
        if data is None:
            continue
        shown = _display(f, root)
        for seed_id, ids in data.items():
            if not isinstance(ids, list) or not ids:
                bank.problems.append(
                    Problem(shown, data.line_of(seed_id), f"'{seed_id}' must map to a non-empty list of item ids")
                )
                continue
            for item_id in ids:
                if item_id not in bank.items:
                    bank.problems.append(
                        Problem(shown, data.line_of(seed_id), f"'{seed_id}' maps to unknown item '{item_id}'")
                    )
            bank.coverage[seed_id] = tuple(dict.fromkeys(bank.coverage.get(seed_id, ()) + tuple(map(str, ids))))


_WORD = re.compile(r"[a-z0-9]+")


def normalized_prompt(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _cross_checks(bank: Bank) -> None:
    prompts: dict[str, str] = {}
    for item in bank.items.values():
        key = normalized_prompt(item.prompt)
        if key in prompts:
            bank.problems.append(Problem(item.source, 1, f"same prompt as item '{prompts[key]}'"))
        prompts[key] = item.id
    _link_related(bank)
    for role in bank.roles.values():
        for item_id in role.typical_items:
            if item_id not in bank.items:
                bank.problems.append(Problem(f"roles/{role.id}.yaml", 1, f"typical item '{item_id}' does not exist"))


def _link_related(bank: Bank) -> None:
    """Check `related` ids and make the relation symmetric (each item lists the other)."""
    links: dict[str, set[str]] = {item_id: set() for item_id in bank.items}
    for item in bank.items.values():
        line = bank.lines.get(item.id, 1)
        for other in item.related:
            if other == item.id:
                bank.problems.append(Problem(item.source, line, f"item '{item.id}' lists itself as related"))
            elif other not in bank.items:
                bank.problems.append(Problem(item.source, line, f"related item '{other}' does not exist"))
            else:
                links[item.id].add(other)
                links[other].add(item.id)
    for item_id, others in links.items():
        item = bank.items[item_id]
        if others != set(item.related):
            bank.items[item_id] = replace(item, related=tuple(sorted(others)))


def load_bank_or_raise(extra: Sequence[Path] = ()) -> Bank:
    bank = load_bank(extra)
    if bank.problems:
        raise ContentError(bank.problems)
    return bank
