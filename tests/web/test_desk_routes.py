"""The desk page's server side: the page, its assets, the setup endpoint, its texts."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from eenloket_i18n import keys, texts
from queue_server.domain.catalogue import DeskKind
from queue_server.domain.visit import Outcome, VisitState
from queue_server.web import routes_desk
from queue_server.web.routes_desk import actions_by_state, page_texts, skill_label
from tests.support import LOCATION, PASSWORD, LiveServer

DESK = Path(routes_desk.__file__).parent / "desk"


def test_page_is_served_with_its_language_and_a_strict_policy(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as http:
        dutch = http.get("/desk")
        english = http.get("/desk", params={"lang": "en"})
        unknown = http.get("/desk", params={"lang": "xx"})
    assert dutch.status_code == 200
    assert '<html lang="nl">' in dutch.text
    assert '<html lang="en">' in english.text
    assert '<html lang="nl">' in unknown.text
    assert page_texts("en")["login_title"] in english.text
    policy = dutch.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert dutch.headers["Cache-Control"] == "no-store"


def test_assets_are_revalidated_and_nothing_else_is_served(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as http:
        script = http.get("/desk/static/desk.js")
        again = http.get("/desk/static/desk.js", headers={"If-None-Match": script.headers["ETag"]})
        style = http.get("/desk/static/desk.css")
        missing = http.get("/desk/static/nothing.js")
        python = http.get("/desk/static/..%2F..%2Froutes_desk.py")
        template = http.get("/desk/static/desk.html")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert again.status_code == 304
    assert style.headers["content-type"].startswith("text/css")
    assert missing.status_code == 404 and missing.json()["error"] == "unknown_asset"
    assert python.status_code == 404
    assert template.status_code == 404


def test_setup_lists_locations_skills_letters_and_the_open_desk(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/api/v1/desk-page/setup").status_code == 401
        kiosk = http.get("/api/v1/desk-page/setup", headers={
            "Authorization": f"Bearer {server.provisioned.tokens['kiosk-1']}"})
        assert kiosk.status_code == 403
        login = http.post("/api/v1/auth/login", json={"username": "clerk2", "password": PASSWORD})
        assert login.status_code == 200
        before = http.get("/api/v1/desk-page/setup", params={"lang": "en"}).json()
        opened = http.post(f"/api/v1/locations/{LOCATION}/desks/4/open", json={"skills": None},
                           headers={"X-CSRF-Token": login.json()["csrf_token"]})
        assert opened.status_code == 200
        after = http.get("/api/v1/desk-page/setup").json()
    assert before["display_name"] == "Clerk2"
    assert [loc["code"] for loc in before["locations"]] == ["kreupelstraat", "haren"]
    skills = {skill["code"]: skill for skill in before["skills"]}
    assert skills["burgerzaken-akten"]["label"] == "Burgerzaken – akten"
    assert "Register a birth" in skills["burgerzaken-akten"]["hint"]
    assert "Geboorteaangifte" in next(s["hint"] for s in after["skills"]
                                      if s["code"] == "burgerzaken-akten")
    assert set(before["letters"]) == {"A", "B", "F", "P", "S", "V"}
    assert before["open_desk"] is None
    assert before["idle_timeout_seconds"] == 30 * 60
    assert after["open_desk"] == {"location": LOCATION, "number": 4}


def test_a_bearer_client_can_read_the_setup_too(server: LiveServer) -> None:
    with server.clerk("clerk3") as clerk:
        setup = clerk.request("GET", "/api/v1/desk-page/setup")
    assert setup["display_name"] == "Clerk3"
    assert setup["open_desk"] is None


def test_actions_follow_the_visit_state_machine() -> None:
    assert actions_by_state() == {
        "waiting": ["no-show"],
        "called": ["no-show", "recall", "requeue", "start"],
        "serving": ["finish", "requeue", "transfer"],
    }


@pytest.mark.parametrize(("code", "label"), [
    ("algemeen", "Algemeen"),
    ("burgerzaken-reisdocumenten", "Burgerzaken – reisdocumenten"),
    ("sociaal-wmo", "Sociaal – wmo"),
])
def test_skill_labels_are_readable(code: str, label: str) -> None:
    assert skill_label(code) == label


def _used_keys() -> set[str]:
    """Every text key the template and the scripts name, as ``t.key`` or ``t[key]``."""
    sources = [DESK / "desk.html", *sorted((DESK / "static").glob("*.js"))]
    used: set[str] = set()
    for source in sources:
        content = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z][a-z0-9_]*)\b", content))
        used |= set(re.findall(r"""t\[["']([a-z][a-z0-9_]*)["']\]""", content))
        used |= set(re.findall(r'"((?:pause)_[a-z]+)"', content))
    return used


def test_every_text_the_page_uses_exists_in_dutch_and_english() -> None:
    available = {key.removeprefix("web_desk.") for key in keys() if key.startswith("web_desk.")}
    dynamic = (
        {f"visit_state_{s.value}" for s in VisitState if s.is_open}
        | {f"outcome_{o.value}" for o in Outcome}
        | {f"desk_kind_{k.value}" for k in DeskKind}
        | {f"desk_state_{s}" for s in ("open", "paused", "closed")}
        | {"error_already_called", "error_desk_busy", "error_illegal_transition",
           "error_desk_in_use", "error_unknown_ticket", "error_bad_credentials", "error_csrf"}
    )
    missing = (_used_keys() | dynamic) - available
    assert not missing, f"texts missing from web_desk.json: {sorted(missing)}"
    for key in available:
        both = texts(f"web_desk.{key}")
        assert both.get("nl") and both.get("en"), f"{key} needs Dutch and English"
