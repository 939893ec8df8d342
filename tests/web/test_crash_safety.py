"""A rating is committed before the response: a server killed right after it loses nothing."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from mlcoach.services import review
from mlcoach.services.accounts import local_user_id
from mlcoach.services.clock import utcnow
from mlcoach.services.coach import Coach
from mlcoach.settings import load_settings


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_kill_after_rating_loses_nothing(tmp_path: Path, db_url: str) -> None:
    port = _port()
    env = {
        **os.environ,
        "MLCOACH_DATA_DIR": str(tmp_path / "d"),
        "MLCOACH_DATABASE_URL": db_url,
        "MLCOACH_PORT": str(port),
    }
    exe = Path(sys.executable).with_name("mlcoach")
    proc = subprocess.Popen([str(exe), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/api/csrf", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("server did not start") from None
                time.sleep(0.1)
        with httpx.Client(base_url=base) as c:
            token = c.get("/api/csrf").json()["csrf_token"]
            c.post("/review/decks", data={"topic": "ml-fundamentals", "csrf_token": token})
            card_id = int(re.search(r'data-card="(\d+)"', c.get("/review").text).group(1))  # type: ignore[union-attr]
            r = c.post(f"/review/{card_id}/rate", data={"rating": "3", "csrf_token": token})
            assert r.status_code == 303
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    settings = load_settings({"MLCOACH_DATA_DIR": str(tmp_path / "d"), "MLCOACH_DATABASE_URL": db_url})
    coach = Coach(settings)
    uid = local_user_id(coach.sessions)
    card = review.card(coach.sessions, uid, card_id)
    assert card.state.reps == 1
    assert review.queue(coach.sessions, uid, utcnow()).new_today == 1
    coach.close()
