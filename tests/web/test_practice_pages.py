import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_deck_then_review_rate_and_undo(client: TestClient) -> None:
    token = csrf_of(client)
    assert "Nothing due right now" in client.get("/review").text
    r = client.post("/review/decks", data={"topic": "ml-fundamentals", "csrf_token": token})
    assert r.status_code == 200 and "Added" in r.text
    page = client.get("/review").text
    card_id = re.search(r'data-card="(\d+)"', page).group(1)  # type: ignore[union-attr]
    assert "Got wrong 0 times" in page
    r = client.post(f"/review/{card_id}/rate", data={"rating": "1", "csrf_token": token})
    assert r.status_code == 200
    r = client.post("/review/undo", data={"csrf_token": token})
    assert "The last rating was undone" in r.text and f'data-card="{card_id}"' in r.text


def test_rating_is_validated(client: TestClient) -> None:
    token = csrf_of(client)
    client.post("/review/decks", data={"topic": "ml-fundamentals", "csrf_token": token})
    card_id = re.search(r'data-card="(\d+)"', client.get("/review").text).group(1)  # type: ignore[union-attr]
    r = client.post(f"/review/{card_id}/rate", data={"rating": "7", "csrf_token": token})
    assert r.status_code == 400 and "rating must be 1, 2, 3 or 4" in r.text
    r = client.post("/review/decks", data={"topic": "astrology", "csrf_token": token})
    assert r.status_code == 400 and "unknown topic" in r.text


def test_quiz_flow_to_summary(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/practice/quiz", data={"length": "1", "csrf_token": token})
    assert r.status_code == 200 and "Question 1 of 1" in r.text
    quiz_url = str(r.url)
    r = client.post(quiz_url + "/answer", data={"option": "0", "csrf_token": token})
    assert ("Right." in r.text) or ("Wrong." in r.text)
    summary = client.get(quiz_url).text
    assert re.search(r'id="quiz-score">\d / 1', summary)
    r = client.post("/practice/quiz", data={"length": "abc", "csrf_token": token})
    assert r.status_code == 400 and "length must be a number" in r.text


def test_written_practice_gives_feedback_and_updates_progress(client: TestClient) -> None:
    token = csrf_of(client)
    assert "Review or answer a few questions" in client.get("/progress").text
    r = client.post("/practice/bias-variance-tradeoff", data={"answer": "", "csrf_token": token})
    assert r.status_code == 400 and "write an answer first" in r.text
    answer = "Bias is error from a model too simple; variance is sensitivity to the training sample."
    r = client.post("/practice/bias-variance-tradeoff", data={"answer": answer, "csrf_token": token})
    assert r.status_code == 200
    if "rate yourself" in r.text:  # no grader installed: self-rating
        r = client.post(
            "/practice/bias-variance-tradeoff/self", data={"answer": answer, "score": "2", "csrf_token": token}
        )
    assert re.search(r'id="score">\d\.\d', r.text)
    progress = client.get("/progress").text
    assert "ML fundamentals" in progress and "bias-variance" in progress


def test_settings_page_validates(client: TestClient) -> None:
    token = csrf_of(client)
    data = {"desired_retention": "0.85", "new_per_day": "5", "reviews_per_day": "100", "csrf_token": token}
    assert "Saved." in client.post("/settings", data=data).text
    r = client.post("/settings", data={**data, "desired_retention": "2"})
    assert r.status_code == 400 and "desired retention" in r.text
    r = client.post("/settings", data={**data, "new_per_day": "lots"})
    assert r.status_code == 400 and "new per day must be a whole number" in r.text


def test_an_answer_to_a_neighbouring_question_is_named_and_linked(client: TestClient) -> None:
    from mlcoach.content.loader import load_bank

    token = csrf_of(client)
    answer = load_bank().get("vision-transformer-vit").answer
    r = client.post("/practice/transformers-vs-rnns", data={"answer": answer, "csrf_token": token})
    assert r.status_code == 200
    score = float(re.search(r'id="score">(\d\.\d)', r.text).group(1))  # type: ignore[union-attr]
    assert score <= 2.0
    assert "reads as an answer to another question" in r.text
    assert '<a href="/practice/vision-transformer-vit">this other question</a>' in r.text
