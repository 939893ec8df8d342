import re
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_plan_form_today_and_ics(client: TestClient) -> None:
    token = csrf_of(client)
    assert "Make a study plan" in client.get("/").text
    assert 'id="plan-form"' in client.get("/plan").text
    interview = (date.today() + timedelta(days=21)).isoformat()
    data = {
        "roles": ["ml-engineer"],
        "companies": ["google"],
        "interview_date": interview,
        "hours_per_day": "2",
        "days_off": ["6"],
        "csrf_token": token,
    }
    r = client.post("/plan", data=data)
    assert r.status_code == 200 and 'id="today"' in r.text and "Readiness by round" in r.text
    assert 'id="today-plan"' in client.get("/").text and "interview in" in client.get("/").text
    ics = client.get("/plan.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and "BEGIN:VEVENT" in ics.text
    r = client.post("/plan", data={**data, "interview_date": "next week"})
    assert r.status_code == 400 and "2026-12-31" in r.text
    r = client.post("/plan", data={**data, "roles": []})
    assert r.status_code == 400 and "at least one target role" in r.text


def test_estimation_calculator_and_drill(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.get(
        "/estimate", params={"formula": "qps", "dau": "100000000", "requests_per_user": "10", "peak_factor": "2"}
    )
    assert "11,574.07" in r.text and "23,148.15" in r.text
    r = client.get("/estimate", params={"formula": "qps", "dau": "lots", "requests_per_user": "10", "peak_factor": "2"})
    assert r.status_code == 400 and "Daily active users" in r.text
    r = client.post("/estimate/drill", data={"drill": "video-rec-qps", "answer": "23k", "csrf_token": token})
    assert "Within tolerance." in r.text
    r = client.post("/estimate/drill", data={"drill": "video-rec-qps", "answer": "5000", "csrf_token": token})
    assert "Outside tolerance." in r.text and "Average QPS" in r.text  # the worked solution is shown
    r = client.post("/estimate/drill", data={"drill": "gen:100:10:2", "answer": "2.3e4", "csrf_token": token})
    assert "Within tolerance." in r.text
    r = client.post("/estimate/drill", data={"drill": "video-rec-qps", "answer": "many", "csrf_token": token})
    assert r.status_code == 400 and "is not a number" in r.text


def test_guide_roles_compare_company_and_quiz(client: TestClient) -> None:
    home = client.get("/guide").text
    assert "/guide/roles/ml-engineer" in home and "/guide/companies/tesla" in home
    assert "Moving into this role" in client.get("/guide/roles/ml-engineer").text
    assert client.get("/guide/compare").text.count('<th><a href="/guide/roles/') == 7
    tesla = client.get("/guide/companies/tesla").text
    assert re.search(r"\d+ questions tagged Tesla", tesla)
    r = client.get("/guide/quiz", params={"theory": "2", "production": "2", "output": "0", "infra": "2", "data": "2"})
    assert r.status_code == 200 and re.search(r"1\. <a href=\"/guide/roles/data-analyst\"", r.text)
    r = client.get("/guide/quiz", params={"theory": "9"})
    assert r.status_code == 400
    assert client.get("/guide/roles/astronaut").status_code == 404
