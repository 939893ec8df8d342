from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_navigation_has_no_dead_links(client: TestClient) -> None:
    import re

    html = client.get("/").text
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S)
    assert nav is not None
    links = re.findall(r'href="([^"]+)"', nav.group(1))
    assert "/bank" in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_bank_filters_by_company_and_kind(client: TestClient) -> None:
    html = client.get("/bank", params={"company": "amazon"}).text
    assert "disagreement-with-stakeholder" in html
    assert "bias-variance-tradeoff" not in html
    html = client.get("/bank", params={"kind": "mcq"}).text
    assert "regularization-l1-sparsity" in html and "video-rec-qps" not in html


def test_bank_full_text_search(client: TestClient) -> None:
    html = client.get("/bank", params={"q": "learning curves"}).text
    assert "/bank/bias-variance-tradeoff" in html


def test_bad_filter_names_the_field(client: TestClient) -> None:
    r = client.get("/bank", params={"difficulty": "9"})
    assert r.status_code == 400 and "difficulty must be 1, 2 or 3" in r.text and "Traceback" not in r.text


def test_item_page_has_reveal_rubric_and_follow_ups(client: TestClient) -> None:
    html = client.get("/bank/bias-variance-tradeoff").text
    assert "Reveal the answer" in html
    assert "Variance is sensitivity to the training sample" in html
    assert "Why does bagging reduce variance but barely change bias?" in html


def test_unknown_item_is_a_clear_404(client: TestClient) -> None:
    r = client.get("/bank/no-such-item")
    assert r.status_code == 404 and "no item with id" in r.text
    r = client.get("/nowhere")
    assert r.status_code == 404 and "there is no page at /nowhere" in r.text


def test_mcq_check_shows_right_and_wrong(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/bank/regularization-l1-sparsity/check", data={"option": "1", "csrf_token": token})
    assert r.status_code == 200 and "Not quite." in r.text and "smoothly toward zero" in r.text
    r = client.post("/bank/regularization-l1-sparsity/check", data={"option": "0", "csrf_token": token})
    assert "Right." in r.text


def test_forms_without_csrf_token_are_refused(client: TestClient) -> None:
    r = client.post("/bank/bias-variance-tradeoff/note", data={"body": "sneaky"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert client.get("/api/notes").json() == []


def test_note_save_and_oversized_field(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/bank/bias-variance-tradeoff/note", data={"body": "learning curves!", "csrf_token": token})
    assert r.status_code == 200 and "learning curves!" in r.text
    r = client.post("/bank/bias-variance-tradeoff/note", data={"body": "x" * 20001, "csrf_token": token})
    assert r.status_code == 400 and "the field &#39;body&#39; has 20001 characters" in r.text
    assert client.get("/api/notes").json()[0]["body"] == "learning curves!"  # nothing lost


def test_huge_body_is_rejected_before_reading(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/bank/bias-variance-tradeoff/note", data={"body": "y" * 3_000_000, "csrf_token": token})
    assert r.status_code == 413
