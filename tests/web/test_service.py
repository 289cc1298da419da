"""The service through its real ASGI app (HTTP client, lifespan, worker pool) on the real store:
SQLite, and PostgreSQL when GONGWEN_TEST_POSTGRES_URL names one (.ci/run starts it)."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongwen.pipeline.cli import main
from gongwen.pipeline.runner import RunOptions, run
from gongwen.pipeline.store import DocumentRow, Store
from gongwen.pipeline.web import accounts
from gongwen.pipeline.web.app import ServiceSettings, create_app
from gongwen.pipeline.web.records import ReviewRow
from gongwen.reports.base import ReportContext
from gongwen.reports.json_report import report_dict
from gongwen.validators.packs import load_pack

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO / "corpus" / "documents"
ROSTER = REPO / "corpus" / "roster.yaml"
PACK = "yangquan-chengqu"
PASSWORD = "correct-horse-9"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

PAGES = ["/", "/history", "/uploads?ids=1", "/reviews/1", "/reviews/1/annotated.docx", "/documents/1",
         "/director", "/admin"]
API_GETS = ["/api/v1/reviews", "/api/v1/reviews/1"]
POSTS = ["/upload", "/logout", "/admin/users", "/admin/users/active", "/admin/tokens", "/admin/tokens/1/revoke",
         "/admin/pack", "/admin/roster", "/api/v1/reviews"]
ADMIN_ROUTES = ["/admin"]
ADMIN_POSTS = ["/admin/users", "/admin/users/active", "/admin/tokens", "/admin/tokens/1/revoke", "/admin/pack",
               "/admin/roster"]


class Service:
    def __init__(self, client: TestClient, db: str, data_dir: Path, tokens: dict[str, str]) -> None:
        self.client, self.db, self.data_dir, self.tokens = client, db, data_dir, tokens
        self.engine = Store(db).engine

    def login(self, name: str) -> TestClient:
        self.client.cookies.clear()
        csrf = CSRF_FIELD.search(self.client.get("/login").text).group(1)
        response = self.client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf, "next": "/"},
                                    follow_redirects=False)
        assert response.status_code == 303, response.text
        return self.client

    def csrf(self) -> str:
        return CSRF_FIELD.search(self.client.get("/").text).group(1)

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def wait_done(self, review_id: int, seconds: float = 60) -> ReviewRow:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with Session(self.engine) as session:
                row = session.get(ReviewRow, review_id)
            if row is not None and row.status in ("done", "error"):
                return row
            time.sleep(0.1)
        raise AssertionError(f"review {review_id} did not finish in {seconds} s")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def service(request, tmp_path_factory, empty_postgres) -> Service:
    tmp = tmp_path_factory.mktemp(f"serve-{request.param}")
    db = str(tmp / "gongwen.sqlite") if request.param == "sqlite" else empty_postgres()
    runner = CliRunner()
    for name, role in (("clerk", "clerk"), ("director", "director"), ("admin", "admin")):
        result = runner.invoke(main, ["users", "add", name, "--role", role, "--password", PASSWORD, "--db", db])
        assert result.exit_code == 0, result.output
    tokens = {}
    for name in ("clerk", "admin"):
        result = runner.invoke(main, ["users", "token", name, "--label", "OA", "--db", db])
        assert result.exit_code == 0, result.output
        tokens[name] = result.stdout.strip().splitlines()[0]
    settings = ServiceSettings(db=db, data_dir=tmp / "data", pack=PACK, roster=str(ROSTER), jobs=2,
                               max_upload_mb=2, max_files=5)
    app = create_app(settings)
    with TestClient(app) as client:
        yield Service(client, db, settings.data_dir, tokens)


def _check_json(path: Path) -> dict:
    """What `gongwen check --format json` gives for the file."""
    pack = load_pack(PACK)
    from gongwen.pipeline.roster import load_roster

    [result] = run([path], RunOptions(pack=pack, roster=load_roster(ROSTER)), jobs=1)
    return report_dict([result], ReportContext(command="check", tool_version="x", pack=pack))


# ---- who gets in --------------------------------------------------------------------------------

def test_nothing_without_a_session_or_token(service: Service) -> None:
    service.client.cookies.clear()
    for path in PAGES:
        response = service.client.get(path, follow_redirects=False)
        assert response.status_code == 401 and "请先登录" in response.text, path
        assert "<table" not in response.text, path
    for path in API_GETS:
        response = service.client.get(path)
        assert (response.status_code, response.json()) == (401, {"detail": "请先登录。"}), path
    for path in POSTS:
        assert service.client.post(path, follow_redirects=False).status_code in (401, 403), path
    page = service.client.get("/history")
    assert "前往登录" in page.text and "/login?next=%2Fhistory" in page.text


def test_roles_decide_what_each_account_may_open(service: Service) -> None:
    service.login("clerk")
    assert service.client.get("/").status_code == 200
    assert service.client.get("/history").status_code == 200
    for path in ["/director", *ADMIN_ROUTES]:
        response = service.client.get(path)
        assert response.status_code == 403 and "无权访问" in response.text, path
    service.login("director")
    assert service.client.get("/director").status_code == 200
    assert service.client.get("/admin").status_code == 403
    service.login("admin")
    assert service.client.get("/admin").status_code == 200
    assert service.client.get("/director").status_code == 200


def test_a_clerk_token_cannot_reach_admin_routes(service: Service) -> None:
    service.client.cookies.clear()
    headers = service.bearer("clerk")
    assert service.client.get("/api/v1/reviews", headers=headers).status_code == 200
    for path in ADMIN_ROUTES:
        assert service.client.get(path, headers=headers).status_code == 403, path
    for path in ADMIN_POSTS:
        assert service.client.post(path, headers=headers, data={"name": "x"}).status_code == 403, path
    assert service.client.get("/api/v1/reviews", headers={"Authorization": "Bearer gw_not-a-token"}).status_code == 401


def test_a_revoked_token_stops_at_once(service: Service) -> None:
    token_id, token = accounts.issue_token(service.engine, "clerk", "temporary")
    headers = {"Authorization": f"Bearer {token}"}
    service.client.cookies.clear()
    assert service.client.get("/api/v1/reviews", headers=headers).status_code == 200
    result = CliRunner().invoke(main, ["users", "revoke", str(token_id), "--db", service.db])
    assert result.exit_code == 0, result.output
    assert service.client.get("/api/v1/reviews", headers=headers).status_code == 401


def test_wrong_password_is_refused_without_saying_which_part(service: Service) -> None:
    service.client.cookies.clear()
    csrf = CSRF_FIELD.search(service.client.get("/login").text).group(1)
    for name, password in (("clerk", "wrong-password"), ("nobody", PASSWORD)):
        response = service.client.post("/login", data={"name": name, "password": password, "csrf_token": csrf})
        assert response.status_code == 401
        assert "用户名或密码不正确" in response.text


def test_login_goes_back_only_to_this_site(service: Service) -> None:
    service.client.cookies.clear()
    csrf = CSRF_FIELD.search(service.client.get("/login").text).group(1)
    response = service.client.post("/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": csrf,
                                                    "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_forms_without_the_csrf_token_are_refused(service: Service) -> None:
    service.login("admin")
    document = DOCUMENTS / "da-01-qingshi-three.docx"
    cases = {"/upload": {"files": (document.name, document.read_bytes())}, "/admin/users": None, "/logout": None,
             "/admin/pack": None}
    for path, files in cases.items():
        response = service.client.post(path, data={"name": "eve", "role": "admin", "password": PASSWORD, "pack": PACK},
                                       files=files, follow_redirects=False)
        assert response.status_code == 403, path
        response = service.client.post(path, data={"csrf_token": "forged", "name": "eve", "role": "admin",
                                                   "password": PASSWORD, "pack": PACK},
                                       files=files, follow_redirects=False)
        assert response.status_code == 403, path
    assert service.client.get("/admin").status_code == 200  # still logged in: logout was refused too
    with Session(service.engine) as session:
        assert session.scalar(select(func.count()).select_from(ReviewRow)
                              .where(ReviewRow.original_name == document.name)) == 0
    assert "eve" not in [user.name for user in accounts.list_users(service.engine)]


def test_hostile_file_names_are_stored_inside_the_data_folder_and_shown_escaped(service: Service) -> None:
    service.login("clerk")
    data = (DOCUMENTS / "da-01-qingshi-three.docx").read_bytes()
    names = ["../../x.docx", "<script>alert(1)</script>.docx"]
    response = service.client.post("/upload", data={"csrf_token": service.csrf()},
                                   files=[("files", (name, data + name.encode())) for name in names])
    assert response.status_code == 200
    ids = [int(value) for value in re.findall(r'href="/reviews/(\d+)"', response.text)]
    for review_id in ids:
        service.wait_done(review_id)
    stored = [path for path in service.data_dir.rglob("*") if path.is_file()]
    assert all(path.resolve().is_relative_to(service.data_dir.resolve()) for path in stored)
    assert not (service.data_dir.parent.parent / "x.docx").exists()
    assert not any("<" in path.name or ">" in path.name for path in stored)
    for page in (service.client.get("/uploads?ids=" + ",".join(map(str, ids))).text, service.client.get("/").text,
                 service.client.get("/history").text):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;.docx" in page
    review = service.client.get(f"/reviews/{ids[1]}").text
    assert "<script>alert(1)</script>" not in review


# ---- reviews -------------------------------------------------------------------------------------

def test_the_api_returns_what_check_json_gives(service: Service) -> None:
    service.client.cookies.clear()
    document = DOCUMENTS / "da-04-baogao-smuggle.pdf"
    sidecar = DOCUMENTS / (document.stem + ".approval.yaml")
    assert sidecar.is_file(), "the sample comes with its 发文稿纸"
    response = service.client.post("/api/v1/reviews?wait=60", headers=service.bearer("clerk"),
                                   files={"file": (document.name, document.read_bytes()),
                                          "sidecar": (sidecar.name, sidecar.read_bytes())})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["review"]["status"] == "done" and body["review"]["name"] == document.name
    expected = _check_json(document)
    assert body["pack"] == expected["pack"]
    [got], [want] = body["documents"], expected["documents"]
    assert got["path"] == document.name
    for key in ("format", "status", "sha256", "fields", "findings", "provenance"):
        assert got[key] == json.loads(json.dumps(want[key])), key
    assert got["findings"], "the sample report has findings"
    fetched = service.client.get(f"/api/v1/reviews/{body['review']['id']}", headers=service.bearer("clerk")).json()
    assert fetched["documents"] == body["documents"]


def test_the_same_content_is_recognised(service: Service) -> None:
    document = DOCUMENTS / "da-02-jiyao-changwu.docx"
    first = service.client.post("/api/v1/reviews?wait=60", headers=service.bearer("clerk"),
                                files={"file": (document.name, document.read_bytes())}).json()
    again = service.client.post("/api/v1/reviews?wait=60", headers=service.bearer("clerk"),
                                files={"file": ("另一个名字.docx", document.read_bytes())}).json()
    assert again["review"]["id"] == first["review"]["id"] and again["review"]["duplicate"] is True
    with Session(service.engine) as session:
        assert session.scalar(select(func.count()).select_from(ReviewRow)
                              .where(ReviewRow.content_key == session.get(ReviewRow, first["review"]["id"]).content_key)) == 1


def test_the_api_answers_at_once_without_waiting_and_lists_since(service: Service) -> None:
    document = DOCUMENTS / "da-03-tongzhi-secret.docx"
    started = service.client.get("/api/v1/reviews", headers=service.bearer("clerk")).json()["reviews"]
    response = service.client.post("/api/v1/reviews", headers=service.bearer("clerk"),
                                   files={"file": (document.name, document.read_bytes())})
    assert response.status_code in (200, 202)
    review = response.json()["review"]
    if response.status_code == 202:
        assert review["status"] in ("queued", "running") and "documents" not in response.json()
    service.wait_done(review["id"])
    done = service.client.get(review["url"], headers=service.bearer("clerk")).json()
    assert done["review"]["status"] == "done" and done["documents"][0]["fields"]["doc_type"]
    listed = service.client.get("/api/v1/reviews", params={"since": review["uploaded_at"]},
                                headers=service.bearer("clerk")).json()["reviews"]
    assert review["id"] in [item["id"] for item in listed]
    assert len(listed) < len(started) + 1 or started == []


def test_the_api_refuses_a_missing_file_and_an_unknown_pack(service: Service) -> None:
    headers = service.bearer("clerk")
    assert service.client.post("/api/v1/reviews", headers=headers, data={"pack": PACK}).status_code == 422
    response = service.client.post("/api/v1/reviews", headers=headers, data={"pack": "dongna"},
                                   files={"file": ("a.txt", "关于某事的请示".encode())})
    assert response.status_code == 422 and "dongan" in response.json()["detail"]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(service: Service) -> None:
    response = service.client.post("/api/v1/reviews", headers=service.bearer("clerk"),
                                   files={"file": ("big.txt", b"x" * (3 * 1024 * 1024))})
    assert response.status_code == 413 and "MB" in response.json()["detail"]
    service.login("clerk")
    too_many = [("files", (f"{index}.txt", f"文件{index}".encode())) for index in range(6)]
    response = service.client.post("/upload", data={"csrf_token": service.csrf()}, files=too_many)
    assert response.status_code == 413 and "一次最多上传 5 份" in response.text


def test_page_upload_pairs_a_sidecar_and_offers_the_annotated_copy(service: Service) -> None:
    service.login("clerk")
    document = DOCUMENTS / "da-01-qingshi-three.docx"
    sidecars = list(DOCUMENTS.glob("*.approval.yaml"))
    files = [("files", (document.name, document.read_bytes()))]
    if sidecars:
        sidecar = sidecars[0]
        stem = sidecar.name.removesuffix(".approval.yaml")
        owner = next(path for path in DOCUMENTS.glob(stem + ".*") if not path.name.endswith(".yaml"))
        files = [("files", (owner.name, owner.read_bytes())), ("files", (sidecar.name, sidecar.read_bytes()))]
        document = owner
    response = service.client.post("/upload", data={"csrf_token": service.csrf(), "pack": PACK}, files=files,
                                   follow_redirects=False)
    assert response.status_code == 303
    review_id = int(response.headers["location"].rsplit("/", 1)[1])
    row = service.wait_done(review_id)
    assert row.status == "done"
    assert (row.sidecar_name is not None) == bool(sidecars)
    page = service.client.get(f"/reviews/{review_id}")
    assert "公文审查报告" in page.text and document.name in page.text
    if document.suffix == ".docx":
        assert "下载批注版 Word 文件" in page.text
        annotated = service.client.get(f"/reviews/{review_id}/annotated.docx")
        assert annotated.status_code == 200 and annotated.content[:2] == b"PK"
        assert "filename*=utf-8''" in annotated.headers["content-disposition"]


def test_a_waiting_review_shows_its_place_and_refreshes(service: Service) -> None:
    service.login("clerk")
    from datetime import datetime, timezone

    with Session(service.engine) as session, session.begin():
        waiting = ReviewRow(content_key="0" * 64, original_name="排队的请示.docx", suffix=".docx", pack=PACK,
                            status="queued", created_at=datetime.now(timezone.utc))
        session.add(waiting)
        session.flush()
        review_id = waiting.id
    try:
        page = service.client.get(f"/reviews/{review_id}").text
        assert "排队中" in page and 'http-equiv="refresh"' in page
    finally:
        with Session(service.engine) as session, session.begin():
            session.delete(session.get(ReviewRow, review_id))


def test_history_filters(service: Service) -> None:
    service.login("clerk")
    document = DOCUMENTS / "da-01-qingshi-three.docx"
    body = service.client.post("/api/v1/reviews?wait=60", headers=service.bearer("clerk"),
                               files={"file": (document.name, document.read_bytes())}).json()
    finding = body["documents"][0]["findings"][0]
    doc_type = body["documents"][0]["fields"]["doc_type"]
    everything = service.client.get("/history").text
    assert document.name in everything
    by_rule = service.client.get("/history", params={"rule": finding["rule"]}).text
    assert document.name in by_rule
    assert "没有符合条件" in service.client.get("/history", params={"rule": "no.such-rule"}).text
    assert document.name in service.client.get("/history", params={"doc_type": doc_type}).text
    assert "没有符合条件" in service.client.get("/history", params={"since": "2999-01-01"}).text
    assert "没有符合条件" in service.client.get("/history", params={"status": "error", "rule": finding["rule"]}).text


def test_the_director_page_is_live(service: Service) -> None:
    document = DOCUMENTS / "da-01-qingshi-three.docx"
    service.client.post("/api/v1/reviews?wait=60", headers=service.bearer("clerk"),
                        files={"file": (document.name, document.read_bytes())})
    service.login("director")
    page = service.client.get("/director")
    assert page.status_code == 200
    with Session(service.engine) as session:
        stored = session.scalar(select(func.count()).select_from(DocumentRow))
    linked = set(re.findall(r'href="(/reviews/\d+|/documents/\d+)"', page.text))
    assert stored and len(linked) == stored  # every document leads to its review, uploads to their full page
    assert all(service.client.get(link).status_code == 200 for link in linked)


def test_admin_manages_users_tokens_and_the_pack(service: Service) -> None:
    client = service.login("admin")
    response = client.post("/admin/users", data={"csrf_token": service.csrf(), "name": "新同事", "role": "clerk",
                                                 "password": PASSWORD}, follow_redirects=True)
    assert "已添加用户“新同事”" in response.text
    response = client.post("/admin/tokens", data={"csrf_token": service.csrf(), "name": "新同事", "label": "OA 系统"},
                           follow_redirects=True)
    token = re.search(r'class="token">(gw_[^<]+)<', response.text).group(1)
    assert "只显示这一次" in response.text
    assert token not in client.get("/admin").text  # shown once
    assert client.get("/api/v1/reviews", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    response = client.post("/admin/users/active", data={"csrf_token": service.csrf(), "name": "新同事", "active": "0"},
                           follow_redirects=True)
    assert "已停用用户“新同事”" in response.text
    assert client.get("/api/v1/reviews", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    response = client.post("/admin/pack", data={"csrf_token": service.csrf(), "pack": "national"}, follow_redirects=True)
    assert "默认规则包已改为“national”" in response.text
    document = DOCUMENTS / "da-03-tongzhi-secret.docx"
    body = client.post("/api/v1/reviews?wait=60", headers=service.bearer("admin"),
                       files={"file": ("改包后.docx", document.read_bytes())}).json()
    assert body["pack"]["name"] == "national"
    client.post("/admin/pack", data={"csrf_token": service.csrf(), "pack": PACK})


def test_users_cli_refuses_duplicates_and_short_passwords(tmp_path: Path) -> None:
    db = str(tmp_path / "g.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["users", "add", "王芳", "--password", PASSWORD, "--db", db]).exit_code == 0
    again = runner.invoke(main, ["users", "add", "王芳", "--password", PASSWORD, "--db", db])
    assert again.exit_code == 2 and "已存在" in again.output
    short = runner.invoke(main, ["users", "add", "李明", "--password", "short", "--db", db])
    assert short.exit_code == 2 and "至少需要 8 个字符" in short.output
    prompted = runner.invoke(main, ["users", "add", "赵伟", "--role", "director", "--db", db],
                             input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    assert accounts.authenticate(Store(db).engine, "赵伟", PASSWORD).role == "director"
    listed = runner.invoke(main, ["users", "list", "--db", db])
    assert "王芳\tclerk\t正常" in listed.output and "赵伟\tdirector" in listed.output
    with Session(Store(db).engine) as session:
        hashes = [row.password_hash for row in session.scalars(select(accounts.UserRow))]
    assert all(value.startswith("$argon2") and PASSWORD not in value for value in hashes)


def test_reviews_left_unfinished_are_taken_up_when_the_service_starts(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from gongwen.pipeline.web.jobs import Upload, content_key, safe_file_name

    db = str(tmp_path / "g.sqlite")
    settings = ServiceSettings(db=db, data_dir=tmp_path / "data", pack=PACK, jobs=1)
    app = create_app(settings)
    document = DOCUMENTS / "da-03-tongzhi-secret.docx"
    upload = Upload(document.name, document.read_bytes())
    key = content_key(upload, load_pack(PACK), None)
    folder = settings.data_dir / key
    folder.mkdir(parents=True)
    (folder / safe_file_name(document.name)).write_bytes(upload.data)
    service = Service(None, db, settings.data_dir, {})
    with Session(service.engine) as session, session.begin():
        session.add(ReviewRow(content_key=key, original_name=document.name, suffix=".docx", pack=PACK,
                              status="running", created_at=datetime.now(timezone.utc)))
    with TestClient(app):
        assert service.wait_done(1).status == "done"


def test_the_api_is_documented_without_a_cdn(service: Service) -> None:
    service.client.cookies.clear()
    page = service.client.get("/docs")
    assert page.status_code == 200
    scripts = re.findall(r'src="([^"]+)"', page.text) + re.findall(r'href="([^"]+\.css)"', page.text)
    assert scripts and all(url.startswith("/static/swagger/") for url in scripts)
    assert all(service.client.get(url).status_code == 200 for url in scripts)
    schema = service.client.get("/openapi.json").json()
    assert {"/api/v1/reviews", "/api/v1/reviews/{review_id}"} <= set(schema["paths"])
    assert not any(path.startswith("/admin") for path in schema["paths"])


def test_repeated_wrong_passwords_lock_the_name_for_a_while(tmp_path: Path) -> None:
    db = str(tmp_path / "g.sqlite")
    accounts.add_user(Store(db).engine, "周敏", "clerk", PASSWORD)
    app = create_app(ServiceSettings(db=db, data_dir=tmp_path / "data", pack=PACK, jobs=1))
    with TestClient(app) as client:
        csrf = CSRF_FIELD.search(client.get("/login").text).group(1)
        for _ in range(5):
            assert client.post("/login", data={"name": "周敏", "password": "guess-guess", "csrf_token": csrf}).status_code == 401
        locked = client.post("/login", data={"name": "周敏", "password": PASSWORD, "csrf_token": csrf})
        assert locked.status_code == 429 and "登录失败次数过多" in locked.text
