"""Accuracy of the offline grader on SemEval-2013 Task 7 (2-way), against a cosine baseline.

    .venv/bin/python bench/grader_eval.py            # evaluate on test_unseen-questions
    .venv/bin/python bench/grader_eval.py --fit      # refit the coefficients on train, print them

For each corpus (beetle, sciEntsBank) it prints the ROC-AUC of the grader's 0-5 score on the
`test_unseen-questions` split (questions never seen in train) beside the baseline computed in the same run:
the cosine between the whole answer and the reference with the same embedding model. It also prints the
accuracy of `score >= t` with `t` chosen on `train` (for both the grader and the baseline). Only `train`
is ever used to fit anything. The first table grades each row from its question and single `reference`
(as `grade_text` does). The second gives both sides the row's alternative references too (`references`;
beetle's questions have several correct answers): the grader takes the best-matching one
(`grade_text(..., alternatives=...)`), the baseline the highest cosine.

    .venv/bin/python bench/grader_eval.py --fit-points   # refit the point-coverage model on the bank
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "semeval2013_2way.jsonl"
CORPORA = ("beetle", "sciEntsBank")
TEST = "test_unseen-questions"


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted as half."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = labels == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    candidates = np.unique(scores)
    accs = [((scores >= t) == (labels == 1)).mean() for t in candidates]
    return float(candidates[int(np.argmax(accs))])


def load(path: Path, split: str, limit: int | None) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == split]
    return rows[:limit] if limit else rows


def features(rows: list[dict[str, object]]) -> tuple[np.ndarray, list[float]]:
    """The scoring features of each row (as the grader computes them) and its weight-averaged strength."""
    from mlcoach.engines.grader import scoring
    from mlcoach.engines.grader.features import collect, prepare
    from mlcoach.engines.grader.keypoints import derive_keypoints
    from mlcoach.engines.grader.text import words

    out, strengths = [], []
    for r in rows:
        q, ref, ans = str(r["question"]), str(r["reference"]), str(r["answer"])
        points = derive_keypoints(q, ref)
        weights = [float(p.weight) for p in points]
        ev = collect(prepare(q, ref, tuple(p.point for p in points)), ans, (scoring.COEF_LEXICAL, scoring.COEF_TOKENS))
        out.append(scoring.feature_row(ev, weights, len(words(ref))))
        strengths.append(scoring.combine(ev, weights, len(words(ref))).probability)
    return np.array(out), strengths


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Newton's method on standardized features; returns raw-unit coefficients and intercept."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[(x - mu) / sd, np.ones(len(x))]
    w = np.zeros(z.shape[1])
    penalty = l2 * np.r_[np.ones(z.shape[1] - 1), 0.0] / len(y)
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) / len(y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z / len(y) + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    coef = w[:-1] / sd
    return coef, float(w[-1] - (coef * mu).sum())


NAMES = ("LEXICAL", "TOKENS", "PRECISION", "LENGTH")


def fit(path: Path, limit: int | None) -> None:
    rows = load(path, "train", limit)
    x, _ = features(rows)
    y = np.array([int(r["score"]) for r in rows])  # type: ignore[call-overload]
    coef, intercept = fit_logistic(x, y)
    for name, c in zip(NAMES, coef, strict=True):
        print(f"COEF_{name} = {c:.4f}")
    print(f"INTERCEPT = {intercept:.4f}")


def _alternatives(row: dict[str, object], use: bool) -> list[str]:
    refs = row.get("references") or []
    return [str(a) for a in refs if str(a) != str(row["reference"])] if use else []  # type: ignore[attr-defined]


def fit_points() -> None:
    """Fit the point-coverage model on the bank: each rubric point against its own item's reference answer
    (it states the point) and against the reference answer of the previous item on the same topic, by id
    (it does not; the consistency test uses the next one, so the fit never sees the pairs it checks)."""
    from mlcoach.content.loader import load_bank
    from mlcoach.domain.items import Kind
    from mlcoach.engines.grader import scoring
    from mlcoach.engines.grader.features import collect, prepare

    items = sorted(
        (i for i in load_bank().items.values() if i.kind is not Kind.MCQ and i.rubric and i.answer.strip()),
        key=lambda i: i.id,
    )
    x, y = [], []
    for item in items:
        same = [o for o in items if o.id < item.id and item.topics[0] in o.topics]
        pairs = [(item.answer, 1)] + ([(same[-1].answer, 0)] if same else [])
        ref = prepare(item.prompt, item.answer, tuple(p.point for p in item.rubric))
        for text, label in pairs:
            ev = collect(ref, text, (scoring.COEF_LEXICAL, scoring.COEF_TOKENS))
            for p in ev.points:
                x.append([p.lexical, p.tokens])
                y.append(label)
    coef, intercept = fit_logistic(np.array(x), np.array(y), l2=0.1)
    z = np.array(x) @ coef + intercept
    print(f"{len(y)} point/answer pairs from {len(items)} items; in-sample AUC {roc_auc(np.array(y), z):.3f}")
    print(f"POINT_LEXICAL = {coef[0]:.3f}\nPOINT_TOKENS = {coef[1]:.3f}\nPOINT_INTERCEPT = {intercept:.3f}")


def evaluate(path: Path, limit: int | None, alternatives: bool = False) -> None:
    from mlcoach.engines.grader import grade_text
    from mlcoach.engines.grader.embedder import get_embedder

    embedder = get_embedder()
    results = {}
    for split in ("train", TEST):
        rows = load(path, split, limit)
        started = time.perf_counter()
        scores = np.array(
            [
                grade_text(
                    str(r["question"]),
                    str(r["reference"]),
                    str(r["answer"]),
                    alternatives=_alternatives(r, alternatives),
                ).score
                for r in rows
            ]
        )
        elapsed = time.perf_counter() - started
        base = np.array(
            [
                max(
                    float(embedder.encode([str(r["answer"])])[0] @ embedder.encode([ref])[0])
                    for ref in [str(r["reference"]), *_alternatives(r, alternatives)]
                )
                for r in rows
            ]
        )
        labels = np.array([int(r["score"]) for r in rows])  # type: ignore[call-overload]
        corpora = np.array([str(r["corpus"]) for r in rows])
        results[split] = (scores, base, labels, corpora, elapsed)
    tr_scores, tr_base, tr_labels, tr_corpora, _ = results["train"]
    scores, base, labels, corpora, elapsed = results[TEST]
    what = "the row's reference and its alternatives" if alternatives else "the row's single reference"
    print(f"SemEval-2013 2-way, split {TEST}, graded against {what} ({len(labels)} answers in {elapsed:.1f} s)")
    header = ("corpus", "n", "baseline AUC", "grader AUC", "delta", "base acc", "grader acc")
    print("{:<12} {:>5} {:>13} {:>11} {:>7} {:>9} {:>11}".format(*header))
    for corpus in CORPORA:
        m, mt = corpora == corpus, tr_corpora == corpus
        t_grader = best_threshold(tr_labels[mt], tr_scores[mt])
        t_base = best_threshold(tr_labels[mt], tr_base[mt])
        a_base, a_grader = roc_auc(labels[m], base[m]), roc_auc(labels[m], scores[m])
        acc_base = ((base[m] >= t_base) == (labels[m] == 1)).mean()
        acc_grader = ((scores[m] >= t_grader) == (labels[m] == 1)).mean()
        print(
            f"{corpus:<12} {int(m.sum()):>5} {a_base:>13.3f} {a_grader:>11.3f} {a_grader - a_base:>+7.3f}"
            f" {acc_base:>9.3f} {acc_grader:>11.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--fit", action="store_true", help="fit the coefficients on train and print them")
    parser.add_argument("--fit-points", action="store_true", help="fit the point-coverage model on the bank")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N rows of each split")
    args = parser.parse_args()
    if args.fit:
        fit(args.data, args.limit)
    elif args.fit_points:
        fit_points()
    else:
        evaluate(args.data, args.limit)
        print()
        evaluate(args.data, args.limit, alternatives=True)


if __name__ == "__main__":
    main()
