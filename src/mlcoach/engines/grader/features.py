"""The evidence the grader combines, measured between an answer, the key points and the reference.

For each key point, in the answer window (sentence, clause, pair of sentences) that supports it best:
- `lexical`: the share of the point's content words (stemmed) that the answer uses, words that merely
  repeat the question counting a quarter;
- `tokens`: soft token recall: for each content token of the point, its best contextual-vector match among
  the answer's tokens, averaged with the same demotion of question words. Token vectors for this (and for
  `precision`) are read in the question's context: answer, reference and points are each encoded after
  the question (`Embedder.encode_doc(..., context=question)`), so a word is compared by what it means as
  an answer to this question. On SemEval-2013 this added about 0.02 AUC on both corpora.
For the whole answer: soft token precision of the answer against the reference (`precision`, read in the
same context) and the length in words. The checks and feedback also use sentence vectors of the answer on
its own (cosine to the reference, `whole`; to the question; of each window, and so of the window chosen for
each point, `clauses`): `Evidence` encodes the answer alone for them only when one is asked for, so an
answer usually costs one model call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from mlcoach.engines.grader.embedder import Doc, get_embedder
from mlcoach.engines.grader.text import STOPWORDS, content_stems, segment_spans, sentence_spans, words

QUESTION_WORD_WEIGHT = 0.25


@dataclass(frozen=True)
class PointEvidence:
    lexical: float
    tokens: float
    span: tuple[int, int] | None  # best-matching span of the answer


@dataclass(frozen=True)
class Reference:
    """Everything about a question that does not depend on the answer (cached). `reference` and `points`
    are encoded on their own (sentence vectors); `reference_read` and `points_read` after the question
    (token vectors for alignment)."""

    question: Doc
    reference: Doc
    points: tuple[Doc, ...]
    reference_read: Doc
    points_read: tuple[Doc, ...]
    question_stems: frozenset[str]
    question_tokens: frozenset[str]
    point_stems: tuple[tuple[str, ...], ...]


@dataclass
class Evidence:
    """What `collect` measured. The scores need only the answer read after the question (`answer`); the
    sentence-vector measures (`whole`, `question_similarity`, `segment_vectors`, `clauses`) need the answer
    encoded on its own, which is done on first use: most answers never reach the checks or the STAR
    detection that use them."""

    points: tuple[PointEvidence, ...]
    precision: float
    n_words: int
    segments: tuple[tuple[int, int], ...]
    answer: Doc
    ref: Reference

    @cached_property
    def plain(self) -> Doc:
        return get_embedder().encode_doc(self.answer.text)

    @property
    def whole(self) -> float:
        return float(self.plain.vector @ self.ref.reference.vector)

    @property
    def question_similarity(self) -> float:
        return float(self.plain.vector @ self.ref.question.vector)

    @cached_property
    def segment_vectors(self) -> Any:
        """Unit vector of each segment (one row per entry of `segments`)."""
        import numpy as np

        if not self.segments:
            return np.zeros((0, self.plain.vector.shape[0]), dtype=np.float32)
        return self.plain.span_vectors(self.segments)

    @cached_property
    def clauses(self) -> tuple[float, ...]:
        """Per point, the cosine between the point and the answer window that supports it best."""
        where = {span: i for i, span in enumerate(self.segments)}
        return tuple(
            float(self.segment_vectors[where[p.span]] @ pdoc.vector) if p.span in where else 0.0
            for p, pdoc in zip(self.points, self.ref.points, strict=True)
        )


def _content_token_mask(tokens: Sequence[str]) -> list[bool]:
    return [t.lstrip("#") not in STOPWORDS and any(c.isalnum() for c in t) for t in tokens]


@lru_cache(maxsize=1024)
def prepare(question: str, reference: str, points: tuple[str, ...]) -> Reference:
    embedder = get_embedder()
    question_doc = embedder.encode_doc(question, cache=True)
    return Reference(
        question=question_doc,
        reference=embedder.encode_doc(reference, cache=True),
        points=tuple(embedder.encode_doc(p, cache=True) for p in points),
        reference_read=embedder.encode_doc(reference, context=question, cache=True),
        points_read=tuple(embedder.encode_doc(p, context=question, cache=True) for p in points),
        question_stems=frozenset(content_stems(question)),
        question_tokens=frozenset(question_doc.tokens),
        point_stems=tuple(tuple(content_stems(p)) for p in points),
    )


def _soft_recall(source: Doc, target: Doc, demoted: frozenset[str]) -> float:
    """Weighted mean over `source`'s content tokens of their best cosine among `target`'s tokens."""
    import numpy as np

    if not source.tokens or not target.tokens:
        return 0.0
    keep = _content_token_mask(source.tokens)
    rows = [i for i, k in enumerate(keep) if k] or list(range(len(source.tokens)))
    tkeep = _content_token_mask(target.tokens)
    cols = [i for i, k in enumerate(tkeep) if k] or list(range(len(target.tokens)))
    sims = source.token_vecs[rows] @ target.token_vecs[cols].T
    w = np.array([QUESTION_WORD_WEIGHT if source.tokens[i] in demoted else 1.0 for i in rows], dtype=np.float32)
    return float((sims.max(axis=1) * w).sum() / w.sum())


def lexical_coverage(point_stems: Sequence[str], answer_stems: set[str], question_stems: frozenset[str]) -> float:
    if not point_stems:
        return 0.0
    weights = [QUESTION_WORD_WEIGHT if s in question_stems else 1.0 for s in point_stems]
    hit = sum(w for s, w in zip(point_stems, weights, strict=True) if s in answer_stems)
    return hit / sum(weights)


def windows(answer: str) -> list[tuple[int, int]]:
    """Where a key point may be stated: each sentence or clause, each pair of adjacent sentences, and the
    whole answer when it is short. Evidence for one point must come from one window, so padding an answer
    with more text does not pile up stray matches."""
    out = segment_spans(answer)
    sentences = sentence_spans(answer)
    out.extend((sentences[i][0], sentences[i + 1][1]) for i in range(len(sentences) - 1))
    if len(words(answer)) <= SHORT_ANSWER_WORDS or not out:
        out.append((0, len(answer)))
    return list(dict.fromkeys(out))


SHORT_ANSWER_WORDS = 60


def collect(ref: Reference, answer: str, point_weights: tuple[float, float] = (1.0, 1.0)) -> Evidence:
    """Measure the evidence; `point_weights` (lexical, tokens) choose each point's best window."""
    import numpy as np

    doc = get_embedder().encode_doc(answer, context=ref.question.text)
    spans = tuple(windows(answer)) if answer.strip() else ()
    keep = _content_token_mask(doc.tokens)
    cols = [i for i, k in enumerate(keep) if k] or list(range(len(doc.tokens)))
    col_start = np.array([doc.offsets[i][0] for i in cols], dtype=np.int64)
    col_end = np.array([doc.offsets[i][1] for i in cols], dtype=np.int64)
    in_window = [(col_start >= a) & (col_end <= b) for a, b in spans]
    window_stems = [set(content_stems(answer[a:b])) for a, b in spans]
    answer_vecs = doc.token_vecs[cols] if cols else np.zeros((0, doc.vector.shape[0]), dtype=np.float32)
    lw, tw = point_weights
    points = []
    for pdoc, stems in zip(ref.points_read, ref.point_stems, strict=True):
        best = PointEvidence(lexical=0.0, tokens=0.0, span=None)
        if spans and len(cols):
            prow = [i for i, k in enumerate(_content_token_mask(pdoc.tokens)) if k] or list(range(len(pdoc.tokens)))
            sims = pdoc.token_vecs[prow] @ answer_vecs.T
            w = np.array([QUESTION_WORD_WEIGHT if pdoc.tokens[i] in ref.question_tokens else 1.0 for i in prow])
            best_value = -1e9
            for j, mask in enumerate(in_window):
                if not mask.any():
                    continue
                tok = float((sims[:, mask].max(axis=1) * w).sum() / w.sum())
                lex = lexical_coverage(stems, window_stems[j], ref.question_stems)
                value = lw * lex + tw * tok
                if value > best_value:
                    best_value = value
                    best = PointEvidence(lexical=lex, tokens=tok, span=spans[j])
        points.append(best)
    return Evidence(
        points=tuple(points),
        precision=_soft_recall(doc, ref.reference_read, ref.question_tokens),
        n_words=len(words(answer)),
        segments=spans,
        answer=doc,
        ref=ref,
    )
