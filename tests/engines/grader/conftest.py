"""Fixtures of the grader tests: the real bank, the real model, and a few hand-made items."""

from __future__ import annotations

from typing import Any

import pytest

from mlcoach.domain.items import Item, Kind, Misconception, RubricPoint


@pytest.fixture(scope="session")
def bank() -> Any:
    from mlcoach.content.loader import load_bank

    return load_bank()


@pytest.fixture(scope="session")
def bias_variance() -> Item:
    """A concept item built from the dataclasses (independent of the bank's current content)."""
    return Item(
        id="test-bias-variance",
        kind=Kind.CONCEPT,
        prompt="Explain the bias-variance trade-off. How do you tell which of the two is hurting a model?",
        topics=("ml-fundamentals",),
        roles=("data-scientist",),
        companies=(),
        round="ml-theory",
        difficulty=1,
        answer=(
            "The expected error of a model on new data splits into bias, variance and irreducible noise. Bias is "
            "the error from a model too simple to capture the true relationship, so it underfits. Variance is the "
            "error from a model too sensitive to its particular training sample, so it overfits. Learning curves "
            "tell them apart: high bias shows as high training and validation error, high variance as a large gap "
            "between them. For high bias add features or a more flexible model; for high variance collect more "
            "data, regularize or use bagging."
        ),
        rubric=(
            RubricPoint("Test error decomposes into bias squared, variance and irreducible noise", 2),
            RubricPoint("Bias is systematic error from a model too simple for the data, which causes underfitting", 3),
            RubricPoint("Variance is sensitivity to the training sample, which causes overfitting", 3),
            RubricPoint(
                "High bias shows as high training and validation error; high variance as a large gap between them", 2
            ),
            RubricPoint("Fix high variance with more data, regularization, simpler models or bagging", 2),
            RubricPoint("Fix high bias with more features, a more flexible model or less regularization", 2),
        ),
        misconceptions=(
            Misconception(
                "More data always fixes a model that performs badly",
                "More data mainly reduces variance; a model with high bias stays wrong however much data it sees.",
            ),
        ),
        follow_ups=("How does k in k-nearest neighbours move a model along the bias-variance trade-off?",),
    )
