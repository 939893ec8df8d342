"""Read a coding or SQL exercise (docs/exercises.md) into an `Exercise`, checking its shape.

Whether the reference passes and the wrong solutions fail is checked by running them in the judge
(tests/content/test_exercises.py), not here: loading must stay fast and never execute content.
"""

from __future__ import annotations

import ast

from mlcoach.content.fields import SLUG, Reader
from mlcoach.domain.exercises import Checker, Exercise, Language, Limits, TestCase
from mlcoach.domain.profiles import Taxonomy

KEYS = {
    "id",
    "title",
    "prompt",
    "topics",
    "roles",
    "companies",
    "round",
    "difficulty",
    "starter",
    "reference",
    "wrong",
    "samples",
    "hidden",
    "limits",
    "entry",
    "checker",
    "tolerance",
    "check",
    "engine",
    "schema",
    "ordered",
    "mutates",
    "result_table",
    "hints",
}
ENGINES = ("sqlite", "duckdb")


def _tests(r: Reader, key: str, language: Language, required: bool) -> tuple[TestCase, ...]:
    out = []
    for n, t in enumerate(r.mappings(key, required=required)):
        name = t.text("name", required=False) or f"{key} {n + 1}"
        if language is Language.SQL:
            t.unknown_keys({"name", "setup"})
            out.append(TestCase(name=name, setup=t.text("setup", required=False)))
            continue
        t.unknown_keys({"name", "args", "ops", "generate", "expected"})
        given = [k for k in ("args", "ops", "generate") if k in t.data]
        if len(given) != 1:
            t.problem(t.data.line, "a test needs exactly one of 'args', 'ops' or 'generate'")
            continue
        args = ops = generate = None
        if "args" in t.data:
            raw = t.data["args"]
            if not isinstance(raw, list):
                t.problem(t.line("args"), "'args' must be a list of arguments")
                continue
            args = tuple(raw)
        elif "ops" in t.data:
            raw_ops = t.data["ops"]
            if not isinstance(raw_ops, list) or not all(isinstance(o, list) and o for o in raw_ops):
                t.problem(t.line("ops"), "'ops' must be a list of [name, *args] lists")
                continue
            ops = tuple(tuple(o) for o in raw_ops)
        else:
            generate = t.text("generate")
            try:
                ast.parse(generate, mode="eval")
            except SyntaxError as exc:
                t.problem(t.line("generate"), f"'generate' is not a Python expression: {exc.msg}")
        out.append(
            TestCase(
                name=name,
                args=args,
                ops=ops,
                generate=generate,
                expected=t.data.get("expected"),
                has_expected="expected" in t.data,
            )
        )
    return tuple(out)


def _python_ok(r: Reader, key: str, code: str, line: int) -> None:
    try:
        ast.parse(code)
    except SyntaxError as exc:
        r.problem(line, f"'{key}' is not valid Python: {exc.msg} (line {exc.lineno} of the block)")


def parse_exercise(r: Reader, taxonomy: Taxonomy, expected_id: str, language: Language) -> Exercise | None:
    before = len(r.problems)
    ex_id = r.text("id")
    if ex_id and not SLUG.match(ex_id):
        r.problem(r.line("id"), f"id '{ex_id}' is not a slug")
    elif ex_id and ex_id != expected_id:
        r.problem(r.line("id"), f"id '{ex_id}' does not match the file name '{expected_id}'")
    r.unknown_keys(KEYS)
    limits_r = r.mapping("limits", required=False)
    limits = Limits()
    if limits_r is not None:
        limits_r.unknown_keys({"time_s", "memory_mb", "output_kb"})
        limits = Limits(
            time_s=limits_r.number("time_s", required=False) or limits.time_s,
            memory_mb=int(limits_r.number("memory_mb", required=False) or limits.memory_mb),
            output_kb=int(limits_r.number("output_kb", required=False) or limits.output_kb),
        )
        if not 0.1 <= limits.time_s <= 20 or not 32 <= limits.memory_mb <= 2048:
            r.problem(r.line("limits"), "limits: time_s must be 0.1-20 and memory_mb 32-2048")
    checker_text = r.text("checker", required=False) or "exact"
    try:
        checker = Checker(checker_text)
    except ValueError:
        r.problem(r.line("checker"), f"unknown checker '{checker_text}' (allowed: {', '.join(Checker)})")
        checker = Checker.EXACT
    ex = Exercise(
        id=ex_id,
        language=language,
        title=r.text("title"),
        prompt=r.text("prompt"),
        topics=r.tags("topics", taxonomy.topics, at_least=1),
        roles=r.tags("roles", taxonomy.roles, at_least=1),
        companies=r.tags("companies", taxonomy.companies, at_least=0),
        round=r.slug("round", taxonomy.rounds),
        difficulty=r.integer("difficulty", lo=1, hi=3, default=2),
        starter=r.text("starter"),
        reference=r.text("reference"),
        wrong=r.texts("wrong", required=True),
        samples=_tests(r, "samples", language, True),
        hidden=_tests(r, "hidden", language, True),
        limits=limits,
        entry=r.text("entry", required=language is Language.PYTHON),
        checker=checker,
        tolerance=r.number("tolerance", required=False) or 1e-6,
        check=r.text("check", required=False),
        engine=r.text("engine", required=False) or "sqlite",
        schema=r.text("schema", required=False),
        ordered=bool(r.data.get("ordered", False)),
        mutates=bool(r.data.get("mutates", False)),
        result_table=r.text("result_table", required=False),
        hints=r.texts("hints"),
        source=r.path,
    )
    if not ex.wrong:
        r.problem(r.line("wrong"), "an exercise needs at least one known-wrong solution")
    if not ex.samples or not ex.hidden:
        r.problem(r.data.line, "an exercise needs visible 'samples' and 'hidden' tests")
    if language is Language.PYTHON:
        for key in ("reference", "starter", "check"):
            if key in r.data:
                _python_ok(r, key, str(r.data[key]), r.line(key))
        for n, w in enumerate(ex.wrong):
            _python_ok(r, f"wrong[{n}]", w, r.line("wrong"))
        if checker is Checker.CUSTOM and not ex.check:
            r.problem(r.line("checker"), "checker 'custom' needs a 'check' block defining check(module, *args)")
    else:
        if ex.engine not in ENGINES:
            r.problem(r.line("engine"), f"engine must be one of {', '.join(ENGINES)}")
        if ex.mutates and not ex.result_table:
            r.problem(r.line("mutates"), "a DML exercise needs 'result_table', the table to compare")
    return ex if len(r.problems) == before else None
