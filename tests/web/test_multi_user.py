from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

PASSWORD = "correct horse battery"


def register(c: TestClient, name: str) -> str:
    token = csrf_of(c)
    r = c.post("/register", data={"username": name, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 200 and name in r.text  # redirected to the dashboard, logged in
    return token


def test_pages_require_login(multi_client: Callable[[], TestClient]) -> None:
    c = multi_client()
    r = c.get("/bank", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/api/notes").json()["error"]["code"] == "unauthorized"


def test_register_login_logout(multi_client: Callable[[], TestClient]) -> None:
    c = multi_client()
    token = register(c, "alice")
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert c.get("/bank", follow_redirects=False).status_code == 303
    token = csrf_of(c)
    r = c.post("/login", data={"username": "alice", "password": "wrong password!", "csrf_token": token})
    assert r.status_code == 401 and "wrong username or password" in r.text
    r = c.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 200 and "alice" in r.text


def test_weak_registration_names_the_field(multi_client: Callable[[], TestClient]) -> None:
    c = multi_client()
    token = csrf_of(c)
    r = c.post("/register", data={"username": "bo", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 400 and "username must be" in r.text
    r = c.post("/register", data={"username": "bobby", "password": "short", "csrf_token": token})
    assert r.status_code == 400 and "at least 10 characters" in r.text


def test_user_a_cannot_read_or_change_user_b_data(multi_client: Callable[[], TestClient]) -> None:
    a, b = multi_client(), multi_client()
    token_a, token_b = register(a, "alice"), register(b, "bobby")
    r = b.put(
        "/api/items/bias-variance-tradeoff/note", json={"body": "bob's secret"}, headers={"X-CSRF-Token": token_b}
    )
    bob_note = r.json()["id"]
    assert a.get("/api/notes").json() == []
    assert "bob&#39;s secret" not in a.get("/bank/bias-variance-tradeoff").text
    assert a.post(f"/notes/{bob_note}/edit", data={"body": "hacked", "csrf_token": token_a}).status_code == 404
    assert a.post(f"/notes/{bob_note}/delete", data={"csrf_token": token_a}).status_code == 404
    assert a.delete(f"/api/notes/{bob_note}", headers={"X-CSRF-Token": token_a}).status_code == 404
    # a token from another session does not work either
    assert a.post(f"/notes/{bob_note}/delete", data={"csrf_token": token_b}).status_code == 403
    assert [n["body"] for n in b.get("/api/notes").json()] == ["bob's secret"]


def test_session_cookie_is_signed(multi_client: Callable[[], TestClient]) -> None:
    c = multi_client()
    register(c, "alice")
    assert c.get("/bank", follow_redirects=False).status_code == 200
    c.cookies.clear()
    c.cookies.set("mlcoach_session", "eyJ1aWQiOiAxfQ==.forged.sig")
    r = c.get("/bank", follow_redirects=False)
    assert r.status_code == 303


def test_quizzes_mocks_and_cards_are_private(multi_client: Callable[[], TestClient]) -> None:
    a, b = multi_client(), multi_client()
    token_a, token_b = register(a, "alice"), register(b, "bobby")
    quiz_url = str(b.post("/practice/quiz", data={"length": "1", "csrf_token": token_b}).url)
    mock_url = str(b.post("/mock", data={"loop": "custom", "rounds": ["behavioral"], "csrf_token": token_b}).url)
    b.post("/review/decks", data={"topic": "sql", "csrf_token": token_b})
    assert a.get(quiz_url).status_code == 404
    assert a.post(quiz_url + "/answer", data={"option": "0", "csrf_token": token_a}).status_code == 404
    assert a.get(mock_url).status_code == 404
    assert a.post(mock_url + "/answer", data={"answer": "x", "csrf_token": token_a}).status_code == 404
    assert a.post(mock_url + "/finish", data={"csrf_token": token_a}).status_code == 404
    assert "Nothing due right now" in a.get("/review").text
    import re

    card = re.search(r'data-card="(\d+)"', b.get("/review").text).group(1)  # type: ignore[union-attr]
    assert a.post(f"/review/{card}/rate", data={"rating": "3", "csrf_token": token_a}).status_code == 404
    assert "Got wrong 0 times" in b.get("/review").text and "Question 1 of 1" in b.get(quiz_url).text
