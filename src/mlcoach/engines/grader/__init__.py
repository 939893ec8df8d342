"""The answer grader: `grade(item, answer)` and `grade_text(question, reference, answer)`.

Offline by default (all-MiniLM-L6-v2 on ONNX Runtime, see docs/grader.md). When `llm` settings name an
OpenAI-compatible endpoint, an LLM judges with the rubric in its prompt and the offline grader answers
whenever it cannot (`grader="offline-fallback"`). Nothing is sent anywhere unless `llm` is configured.
numpy, onnxruntime and tokenizers are imported on first use, not when this package is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from mlcoach.domain.errors import BadRequest
from mlcoach.domain.grading import GradeResult
from mlcoach.domain.items import Item, Kind, Misconception, RubricPoint

__all__ = ["GradeResult", "grade", "grade_text", "warm_up"]


def _with_llm(
    llm: Mapping[str, str] | None,
    offline: GradeResult | None,
    question: str,
    reference: str,
    rubric: Sequence[RubricPoint],
    misconceptions: Sequence[Misconception],
    answer: str,
    *,
    star: bool,
    design: bool,
) -> GradeResult | str | None:
    """The LLM's result, or the reason it could not give one (None when no LLM is configured)."""
    from mlcoach.engines.grader.llm import LlmError, judge, llm_config

    config = llm_config(llm or {})
    if config is None:
        return None
    if offline is not None and offline.flags and offline.score == 0.0:
        return None  # empty or gibberish: nothing worth sending
    try:
        return judge(config, question, reference, rubric, misconceptions, answer, star=star, design=design)
    except LlmError as exc:
        return str(exc)


def _finish(offline: GradeResult, llm_result: GradeResult | str | None) -> GradeResult:
    if isinstance(llm_result, GradeResult):
        return _number_checked(llm_result, offline)
    if isinstance(llm_result, str):
        note = f"The LLM judge was not used ({llm_result}); this is the offline grade."
        return replace(offline, grader="offline-fallback", messages=(*offline.messages, note))
    return offline


def _number_checked(llm_result: GradeResult, offline: GradeResult) -> GradeResult:
    """An estimate's final number is checked by arithmetic, not judged: the offline check's cap (no number,
    or none within the item's tolerance) holds whichever grader scored the explanation."""
    number = offline.extra.get("final_number")
    if not isinstance(number, dict) or "cap" not in number:
        return llm_result
    return replace(
        llm_result,
        score=min(llm_result.score, float(number["cap"])),
        flags=(*llm_result.flags, str(number["flag"])),
        messages=(*llm_result.messages, str(number["message"])),
        extra={**llm_result.extra, "final_number": number},
    )


def grade(
    item: Item, answer: str, *, neighbours: Sequence[Item] = (), llm: Mapping[str, str] | None = None
) -> GradeResult:
    """Grade a written answer to a bank item against its rubric (or key points derived from its answer).

    `neighbours` are the bank's other items on the item's topic (`Bank.neighbours(item)`): an answer that
    would score clearly better as an answer to one of them is capped and told which question it answers.

    `llm` is a mapping of `MLCOACH_LLM_BASE_URL`, `MLCOACH_LLM_MODEL`, `MLCOACH_LLM_API_KEY` and
    `MLCOACH_LLM_TIMEOUT` (for instance `settings.llm`); without it the answer never leaves the machine.
    """
    from mlcoach.engines.grader.keypoints import derive_keypoints
    from mlcoach.engines.grader.offline import grade_points

    rubric: Sequence[RubricPoint] = item.rubric
    derived = not rubric
    if derived:
        rubric = derive_keypoints(item.prompt, item.answer) if item.answer.strip() else ()
    if not rubric:
        raise BadRequest(f"item '{item.id}' has neither a rubric nor a reference answer to grade against")
    offline = grade_points(
        item.prompt, item.answer, rubric, answer, item=item, misconceptions=item.misconceptions, derived=derived
    )
    if neighbours:
        from mlcoach.engines.grader import off_target

        found = off_target.find(item, answer, offline, neighbours)
        if found is not None:
            offline = off_target.cap(offline, found)
    star, design = item.kind is Kind.BEHAVIORAL, item.kind is Kind.DESIGN
    llm_result = _with_llm(
        llm, offline, item.prompt, item.answer, rubric, item.misconceptions, answer, star=star, design=design
    )
    return _finish(offline, llm_result)


def grade_text(
    question: str,
    reference: str,
    answer: str,
    *,
    alternatives: Sequence[str] = (),
    llm: Mapping[str, str] | None = None,
) -> GradeResult:
    """Grade from a bare question and reference answer: the key points are derived from the reference.

    `alternatives` are other correct answers to the same question (questions with several valid answers,
    of which one reference names only one): the answer is graded against each and the best-supported
    result is kept, so an answer is not marked down for choosing another correct route."""
    from mlcoach.engines.grader.keypoints import derive_keypoints
    from mlcoach.engines.grader.offline import grade_points

    if not reference.strip():
        raise BadRequest("the reference answer is empty", field="reference")
    candidates = [reference, *(a for a in dict.fromkeys(alternatives) if a.strip() and a != reference)]
    graded = []
    for ref in candidates:
        rubric = derive_keypoints(question, ref)
        graded.append((grade_points(question, ref, rubric, answer, derived=True), rubric))
    index = max(range(len(graded)), key=lambda i: _support(graded[i][0]))
    best, rubric = graded[index]
    offline = replace(best, extra={**best.extra, "reference_used": index}) if len(candidates) > 1 else best
    llm_result = _with_llm(llm, offline, question, candidates[index], rubric, (), answer, star=False, design=False)
    return _finish(offline, llm_result)


def _support(result: GradeResult) -> tuple[float, float]:
    return (result.score, float(result.extra.get("probability", 0.0)))


def warm_up() -> float:
    """Load the model now (it loads on first use otherwise); returns the seconds it took."""
    import time

    from mlcoach.engines.grader.embedder import get_embedder

    started = time.perf_counter()
    get_embedder().encode(["warm up"], cache=False)
    return time.perf_counter() - started
