"""The ONNX embedder: real model, no fixed padding, cached vectors, no heavy import at package import."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from mlcoach.engines.grader.embedder import TOKENIZER_FILE, get_embedder


def test_vectors_are_unit_and_meaningful() -> None:
    e = get_embedder()
    v = e.encode(["The cat sits on the mat.", "A cat is sitting on a rug.", "Interest rates rose in March."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.5 > v[0] @ v[2]


def test_tokenizer_has_no_fixed_padding_and_ships_its_notice() -> None:
    e = get_embedder()
    assert e.token_count("short text") == 2
    assert e._tokenizer.padding is None
    notice = TOKENIZER_FILE.with_name("NOTICE").read_text()
    assert "Apache License" in notice
    assert TOKENIZER_FILE.with_name("LICENSE-Apache-2.0.txt").exists()


def test_document_pass_matches_sentence_vectors() -> None:
    e = get_embedder()
    text = "Regularization shrinks weights. It reduces variance at the cost of some bias."
    doc = e.encode_doc(text)
    assert float(doc.vector @ e.encode([text])[0]) > 0.999
    spans = doc.span_vectors([(0, 31), (32, len(text))])
    assert np.allclose(np.linalg.norm(spans, axis=1), 1.0, atol=1e-4)
    long_doc = e.encode_doc(" ".join([text] * 40))  # longer than one 256-token window
    assert len(long_doc.tokens) > 256 and long_doc.token_vecs.shape == (len(long_doc.tokens), 384)


def test_cache_returns_the_same_vectors() -> None:
    e = get_embedder()
    a = e.encode(["cached sentence about gradient descent"])
    b = e.encode(["cached sentence about gradient descent"])
    assert np.array_equal(a, b)


def test_importing_the_grader_loads_no_heavy_library() -> None:
    code = "import sys, mlcoach.engines.grader, mlcoach.cli.grade; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {"numpy", "onnxruntime", "tokenizers", "httpx"} & set(out)
