from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_error_shape_is_pinned(client: TestClient) -> None:
    r = client.get("/api/items/nope")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "not_found", "message": "no item with id 'nope'", "field": None}}
    r = client.get("/api/items", params={"topic": "astrology"})
    assert r.json() == {"error": {"code": "bad_request", "message": "unknown topic 'astrology'", "field": "topic"}}


def test_list_and_get_items(client: TestClient) -> None:
    data = client.get("/api/items", params={"kind": "design"}).json()
    assert data["total"] >= 1 and all(i["kind"] == "design" for i in data["items"])
    item = client.get("/api/items/video-rec-qps").json()
    assert item["expected"] == {"value": 23148.0, "unit": "requests/s"}


def test_limit_is_validated(client: TestClient) -> None:
    r = client.get("/api/items", params={"limit": 0})
    assert r.status_code == 400 and r.json()["error"]["field"] == "limit"
    r = client.get("/api/items", params={"limit": "many"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "limit"


def test_notes_api_round_trip_with_csrf_header(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.put("/api/items/bias-variance-tradeoff/note", json={"body": "draw the curves"})
    assert r.status_code == 403
    r = client.put(
        "/api/items/bias-variance-tradeoff/note", json={"body": "draw the curves"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200
    note_id = r.json()["id"]
    assert [n["body"] for n in client.get("/api/notes").json()] == ["draw the curves"]
    r = client.put("/api/items/missing-item/note", json={"body": "x"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 404
    r = client.put("/api/items/bias-variance-tradeoff/note", json={"wrong": 1}, headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and r.json()["error"]["field"] == "body"
    assert client.delete(f"/api/notes/{note_id}", headers={"X-CSRF-Token": token}).status_code == 204
    assert client.get("/api/notes").json() == []


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/items", "/api/items/{item_id}", "/api/stats", "/api/notes"} <= set(spec["paths"])
    assert "ErrorResponse" in spec["components"]["schemas"]
