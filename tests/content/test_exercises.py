"""Every exercise runs for real in the judge: its reference is accepted on every test (samples and
hidden), and each known-wrong solution is rejected by the hidden tests. A wrong solution whose comment
says it is too slow (quadratic, O(n^2), ...) must be rejected for time, which proves the hidden tests are
large enough and the time limit is right."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from mlcoach.content.loader import load_bank
from mlcoach.domain.exercises import Exercise, Language
from mlcoach.domain.verdicts import SubmissionResult, Verdict
from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.pool import safe_judge

BANK = load_bank()
EXERCISES = sorted(BANK.exercises.values(), key=lambda e: e.id)
SLOW = re.compile(r"quadratic|o\(n\s*\^?\s*\*?\s*2\)|o\(n²\)|too slow|o\(n \* k\)|o\(n\*k\)|times out", re.I)


class Runs:
    """All judgings submitted at once to two workers; each test waits for its own."""

    def __init__(self) -> None:
        self.judge = Judge()
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.futures: dict[tuple[str, int], Future[SubmissionResult]] = {}

    def start(self) -> None:
        for ex in EXERCISES:
            self.futures[(ex.id, -1)] = self.pool.submit(safe_judge, self.judge, ex, ex.reference, "all")
            for n, code in enumerate(ex.wrong):
                self.futures[(ex.id, n)] = self.pool.submit(safe_judge, self.judge, ex, code, "hidden")

    def get(self, exercise_id: str, wrong: int) -> SubmissionResult:
        return self.futures[(exercise_id, wrong)].result()


@pytest.fixture(scope="module")
def runs() -> Iterator[Runs]:
    r = Runs()
    r.start()
    yield r
    r.pool.shutdown(cancel_futures=True)


def test_the_bank_loads_cleanly() -> None:
    assert BANK.problems == []


def test_there_are_enough_exercises() -> None:
    python = [e for e in EXERCISES if e.language is Language.PYTHON]
    sql = [e for e in EXERCISES if e.language is Language.SQL]
    assert len(python) >= 60, f"{len(python)} Python exercises; the issue asks for at least 60"
    assert len(sql) >= 30, f"{len(sql)} SQL exercises; the issue asks for at least 30"


def _describe(result: SubmissionResult) -> str:
    failing = [f"{t.name}: {t.verdict.short} {t.message}" for t in result.tests if t.verdict is not Verdict.ACCEPTED]
    return f"{result.verdict.label} {result.message} {failing}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_reference_is_accepted_on_every_test(runs: Runs, exercise: Exercise) -> None:
    result = runs.get(exercise.id, -1)
    assert result.verdict is Verdict.ACCEPTED, _describe(result)
    assert result.total == len(exercise.tests)
    slowest = max(t.time_ms for t in result.tests)
    assert slowest <= exercise.limits.time_s * 1000 / 2, f"the reference needs {slowest} ms: too close to the limit"


WRONG = [(ex, n) for ex in EXERCISES for n in range(len(ex.wrong))]


@pytest.mark.parametrize(("exercise", "n"), WRONG, ids=[f"{ex.id}-wrong{n}" for ex, n in WRONG])
def test_each_wrong_solution_is_rejected(runs: Runs, exercise: Exercise, n: int) -> None:
    result = runs.get(exercise.id, n)
    assert result.verdict not in (Verdict.ACCEPTED, Verdict.INTERNAL_ERROR), _describe(result)
    first_comment = exercise.wrong[n].strip().splitlines()[0]
    if SLOW.search(first_comment):
        assert result.verdict is Verdict.TIME_LIMIT, f"'{first_comment}' should time out: {_describe(result)}"
        if exercise.language is Language.SQL:
            return  # SQL fixtures build their large tables inside `setup`
        assert any(t.generate for t in exercise.hidden), "a slow solution needs a large generated hidden test"
        assert re.search(r"O\(", exercise.prompt), "the statement should say the expected complexity"
