from mlcoach.content.loader import load_bank
from mlcoach.content.search import Query, SearchIndex


def index() -> SearchIndex:
    return SearchIndex(load_bank().items)


def test_text_search_ranks_prompt_matches_first() -> None:
    results = index().search(Query(text="bias variance"))
    assert results and results[0].id == "bias-variance-tradeoff"


def test_prefix_and_stemmed_words_match() -> None:
    idx = index()
    for text in ("regularization", "regularize", "lass"):
        assert "regularization-l1-sparsity" in [i.id for i in idx.search(Query(text=text))], text


def test_filters_combine_with_text() -> None:
    idx = index()
    assert all(i.kind.value == "mcq" for i in idx.search(Query(text="weights", kind="mcq")))
    concept_hits = idx.search(Query(text="variance", kind="concept"))
    assert "bias-variance-tradeoff" in [i.id for i in concept_hits]
    assert "bias-variance-tradeoff" not in [i.id for i in idx.search(Query(text="variance", kind="mcq"))]
    amazon = idx.search(Query(company="amazon"))
    assert amazon and all("amazon" in i.companies for i in amazon)


def test_no_match_and_punctuation_are_safe() -> None:
    idx = index()
    assert idx.search(Query(text="zzqqxx")) == []
    assert isinstance(idx.search(Query(text='"AND OR NOT ( * ')), list)
