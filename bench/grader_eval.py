"""Accuracy of the offline grader on SemEval-2013 Task 7 (2-way), against a cosine baseline.

    .venv/bin/python bench/grader_eval.py            # evaluate on test_unseen-questions
    .venv/bin/python bench/grader_eval.py --fit      # refit the coefficients on train, print them

For each corpus (beetle, sciEntsBank) it prints the ROC-AUC of the grader's 0-5 score on the
`test_unseen-questions` split (questions never seen in train) beside the baseline computed in the same run:
the cosine between the whole answer and the reference with the same embedding model. It also prints the
accuracy of `score >= t` with `t` chosen on `train` (for both the grader and the baseline). Only `train`
is ever used to fit anything. Each row is graded from its question and single `reference` (as
`grade_text` does); the data's alternative references are not used.
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


def evaluate(path: Path, limit: int | None) -> None:
    from mlcoach.engines.grader import grade_text
    from mlcoach.engines.grader.embedder import get_embedder

    embedder = get_embedder()
    results = {}
    for split in ("train", TEST):
        rows = load(path, split, limit)
        started = time.perf_counter()
        scores = np.array([grade_text(str(r["question"]), str(r["reference"]), str(r["answer"])).score for r in rows])
        elapsed = time.perf_counter() - started
        base = np.array(
            [float(embedder.encode([str(r["answer"])])[0] @ embedder.encode([str(r["reference"])])[0]) for r in rows]
        )
        labels = np.array([int(r["score"]) for r in rows])  # type: ignore[call-overload]
        corpora = np.array([str(r["corpus"]) for r in rows])
        results[split] = (scores, base, labels, corpora, elapsed)
    tr_scores, tr_base, tr_labels, tr_corpora, _ = results["train"]
    scores, base, labels, corpora, elapsed = results[TEST]
    print(f"SemEval-2013 2-way, split {TEST} (graded {len(labels)} answers in {elapsed:.1f} s)")
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
    parser.add_argument("--limit", type=int, default=None, help="use only the first N rows of each split")
    args = parser.parse_args()
    if args.fit:
        fit(args.data, args.limit)
    else:
        evaluate(args.data, args.limit)


if __name__ == "__main__":
    main()
