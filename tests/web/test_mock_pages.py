import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_mock_loop_answer_follow_up_report_and_export(client: TestClient) -> None:
    token = csrf_of(client)
    home = client.get("/mock").text
    assert "Google loop" in home and "No mock interviews yet" in home
    r = client.post("/mock", data={"loop": "custom", "rounds": ["ml-theory"], "role": "", "csrf_token": token})
    assert r.status_code == 200 and "Round 1 of 1" in r.text
    mock_url = str(r.url)
    assert re.search(r'data-seconds-left="(\d+)"', r.text).group(1) in ("2700", "2699")  # type: ignore[union-attr]
    r = client.post(mock_url + "/answer", data={"answer": "no idea", "csrf_token": token})
    assert "Follow-up from the interviewer" in r.text and 'id="last-score"' in r.text
    r = client.get(mock_url)  # a reload resumes at the same follow-up
    assert "Follow-up from the interviewer" in r.text
    r = client.post(mock_url + "/finish", data={"csrf_token": token})
    assert r.status_code == 200 and 'id="overall"' in r.text and "Study next" in r.text
    assert re.search(r'id="signal">(No hire|Lean no hire)<', r.text)
    md = client.get(mock_url + "/report.md")
    assert md.status_code == 200 and md.text.startswith("# Single round") and "## Study next" in md.text
    r = client.post(mock_url + "/study", data={"csrf_token": token})
    assert re.search(r"Added [1-9]\d* item\(s\) to your reviews", r.text)
    assert "1 review" in client.get("/review").text or "new" in client.get("/review").text
    assert "in progress" not in client.get("/mock").text


def test_mock_bad_input(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/mock", data={"loop": "custom", "csrf_token": token})
    assert r.status_code == 400 and "pick at least one round" in r.text
    r = client.post("/mock", data={"loop": "acme", "csrf_token": token})
    assert r.status_code == 400 and "unknown loop" in r.text
    assert client.get("/mock/999").status_code == 404
