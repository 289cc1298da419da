"""The HTTP service: pages for clerks, the director and administrators, and the OA system's API.

Who may do what is decided in one place (``require``): a request with neither a session nor an API
token gets 401, one whose role is too low gets 403, and neither ever carries data. Every form
carries the session's CSRF token; a request authenticated by an API token carries no ambient
credential and needs none. Upload bodies are bounded before they are read (``BodyLimit``).
"""
from __future__ import annotations

import secrets
import asyncio
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from time import monotonic
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from gongwen.pipeline import __version__
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import SEVERITY_LABELS
from gongwen.pipeline.roster import Roster, load_roster
from gongwen.pipeline.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, SIDECAR_SUFFIX, RunOptions
from gongwen.pipeline.store import DocumentRow, FindingRow, Store
from gongwen.pipeline.web import accounts
from gongwen.pipeline.web.accounts import Account
from gongwen.pipeline.web.jobs import PENDING, ReviewDesk, Upload
from gongwen.pipeline.web.records import ROLE_LABELS, ROLES, ReviewRow
from gongwen.reports.base import ReportContext
from gongwen.reports.html_report import render_html
from gongwen.reports.nightly import OFFICE_TIME_ZONE, render_nightly_page, stored_result
from gongwen.validators.packs import Pack, available_packs, load_pack

STATUS_LABELS = {"queued": "排队中", "running": "审查中", "done": "已完成", "error": "无法处理"}
DOCUMENT_STATUS_LABELS = {"ok": "已审查", "error": "无法处理"}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SWAGGER_ASSETS = "/static/swagger"
HISTORY_PAGE_SIZE = 100
MAX_WAIT_SECONDS = 120
SESSION_HOURS = 10
LOGIN_ATTEMPTS = 5
LOGIN_LOCK_MINUTES = 15
MULTIPART_OVERHEAD = 64 * 1024


@dataclass(frozen=True)
class ServiceSettings:
    db: str | None = None
    data_dir: Path = Path("gongwen-uploads")
    pack: str = "national"
    roster: str | None = None
    jobs: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    max_upload_mb: int = 50  # per file
    max_files: int = 50  # per upload
    zone: str = OFFICE_TIME_ZONE
    secure_cookies: bool = False  # behind HTTPS: cookies only over HTTPS


class LoginFailures:
    """Failed logins per account name: after ``LOGIN_ATTEMPTS`` within ``LOGIN_LOCK_MINUTES`` the
    name is refused for that long, so a password cannot be guessed at the speed of the network."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str) -> deque[float]:
        failures = self._failures.setdefault(name, deque())
        while failures and failures[0] < monotonic() - LOGIN_LOCK_MINUTES * 60:
            failures.popleft()
        return failures

    def blocked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name)) >= LOGIN_ATTEMPTS

    def record(self, name: str) -> None:
        with self._lock:
            self._recent(name).append(monotonic())

    def clear(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413 before it is read or spooled to disk."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _too_large(scope, send, self.limit)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(scope, send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope, send, limit: int) -> None:
    message = f"上传内容超过了允许的大小（{limit // (1024 * 1024)} MB），请分批上传或压缩后再试。"
    if scope["path"].startswith("/api/"):
        response: Response = JSONResponse({"detail": message}, status_code=413)
    else:
        response = HTMLResponse(_message_page("上传内容过大", message), status_code=413)
    await response(scope, lambda: None, send)


_templates = Environment(loader=PackageLoader("gongwen.pipeline.web", "templates"),
                         autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _message_page(title: str, message: str, link: tuple[str, str] | None = None) -> str:
    return _templates.get_template("message.html.j2").render(title=title, message=message, link=link,
                                                              account=None, csrf="")


def create_app(settings: ServiceSettings) -> FastAPI:
    store = Store(settings.db)  # creates the service's tables too (pipeline.web.records)
    engine = store.engine
    zone = ZoneInfo(settings.zone)
    state: dict[str, ReviewDesk] = {}

    def desk() -> ReviewDesk:
        return state["desk"]

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        pack, roster = _configured_pack_and_roster(engine, settings)
        state["desk"] = ReviewDesk(store, settings.data_dir, RunOptions(
            pack=pack, roster=roster, timeout=settings.timeout, memory_mb=settings.memory_mb), settings.jobs)
        yield
        state.pop("desk").close()

    app = FastAPI(title="gongwen 公文审查服务", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="供办公自动化（OA）系统调用的公文审查接口。认证：请求头 `Authorization: Bearer <令牌>`。")
    # the API's documentation works on an intranet: Swagger UI is served from its package, not a CDN
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger")
    app.state.engine = engine
    app.add_middleware(BodyLimit, limit=settings.max_files * (settings.max_upload_mb * 1024 * 1024) * 2
                       + MULTIPART_OVERHEAD)
    app.add_middleware(SessionMiddleware, secret_key=accounts.session_secret(engine), session_cookie="gongwen_session",
                       max_age=SESSION_HOURS * 3600, same_site="strict", https_only=settings.secure_cookies)

    login_failures = LoginFailures()

    def local_time(moment: datetime | None) -> str:
        if moment is None:
            return "—"
        if moment.tzinfo is None:  # SQLite hands back naive datetimes: they were stored in UTC
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    def page(request: Request, template: str, status_code: int = 200, **values) -> HTMLResponse:
        values.setdefault("account", _viewer(request, engine))
        return HTMLResponse(_templates.get_template(template).render(
            csrf=_csrf_token(request), local_time=local_time, status_labels=STATUS_LABELS,
            role_labels=ROLE_LABELS, **values), status_code=status_code)

    def require(role: str) -> Callable[[Request], Awaitable[Account]]:
        async def dependency(request: Request) -> Account:
            account = _viewer(request, engine)
            if account is None:
                raise HTTPException(401, "请先登录。")
            if not account.may(role):
                raise HTTPException(403, f"您的账号（{ROLE_LABELS[account.role]}）无权访问此页面。")
            if request.method in UNSAFE_METHODS and not _by_token(request):
                sent = request.headers.get("x-csrf-token") or await _form_csrf(request, settings)
                if not sent or not secrets.compare_digest(sent, request.session.get("csrf", "")):
                    raise HTTPException(403, "页面已过期或请求来源无法确认，请刷新页面后重试。")
            return account
        return dependency

    clerk, director, admin = require("clerk"), require("director"), require("admin")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
        if error.status_code == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            link = (f"/login?{urlencode({'next': target})}", "前往登录")
            return page(request, "message.html.j2", 401, title="请先登录", message=str(error.detail), link=link)
        titles = {403: "无权访问", 404: "未找到", 413: "上传内容过大"}
        return page(request, "message.html.j2", error.status_code, title=titles.get(error.status_code, "请求有误"),
                    message=str(error.detail), link=("/", "返回首页"))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError):
        message = "请求参数有误：" + "；".join(".".join(map(str, item["loc"][1:])) for item in error.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message, "errors": jsonable_errors(error)}, status_code=422)
        return page(request, "message.html.j2", 422, title="请求有误", message=message, link=("/", "返回首页"))

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="gongwen 公文审查服务 · 接口文档",
                                   swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER_ASSETS}/favicon-32x32.png")

    # ---- session -----------------------------------------------------------------------------
    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> HTMLResponse:
        return page(request, "login.html.j2", next=_safe_next(next), error=None, account=None)

    @app.post("/login", response_class=HTMLResponse, include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form(max_fields=10)
        next_page = _safe_next(str(form.get("next", "/")))
        if not secrets.compare_digest(str(form.get("csrf_token", "")), request.session.get("csrf", "")):
            raise HTTPException(403, "页面已过期或请求来源无法确认，请刷新页面后重试。")
        name = str(form.get("name", "")).strip()
        if login_failures.blocked(name):
            return page(request, "login.html.j2", 429, next=next_page, account=None,
                        error=f"该账号登录失败次数过多，请 {LOGIN_LOCK_MINUTES} 分钟后再试，或联系管理员。")
        account = accounts.authenticate(engine, name, str(form.get("password", "")))
        if account is None:
            login_failures.record(name)
            return page(request, "login.html.j2", 401, next=next_page, error="用户名或密码不正确，或账号已停用。",
                        account=None)
        login_failures.clear(name)
        request.session.clear()
        request.session.update(user_id=account.id, csrf=secrets.token_urlsafe(32))
        return RedirectResponse(next_page, status_code=303)

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, _account: Account = Depends(clerk)) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # ---- upload and review pages -----------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request, account: Account = Depends(clerk)) -> HTMLResponse:
        with Session(engine) as session:
            recent = list(session.scalars(select(ReviewRow).order_by(ReviewRow.id.desc()).limit(20)))
        return page(request, "upload.html.j2", account=account, recent=recent, packs=available_packs(),
                    current_pack=desk().pack.name, limits=settings)

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request, account: Account = Depends(clerk)) -> Response:
        form = await request.form(max_files=settings.max_files * 2, max_fields=20)
        files = [item for item in form.getlist("files") if isinstance(item, UploadFile) and item.filename]
        pack = _pack_named(str(form.get("pack") or ""), desk().pack)
        uploads = await _paired_uploads(files, settings)
        if not uploads:
            raise HTTPException(400, "请选择要审查的文件。")
        ids = [(await asyncio.to_thread(desk().submit, item, account.id, pack)).review_id for item in uploads]
        target = f"/reviews/{ids[0]}" if len(ids) == 1 else "/uploads?" + urlencode({"ids": ",".join(map(str, ids))})
        return RedirectResponse(target, status_code=303)

    @app.get("/uploads", response_class=HTMLResponse, include_in_schema=False)
    def uploads_page(request: Request, ids: str = "", account: Account = Depends(clerk)) -> HTMLResponse:
        wanted = [int(part) for part in ids.split(",") if part.strip().isdigit()][:500]
        with Session(engine) as session:
            rows = list(session.scalars(select(ReviewRow).where(ReviewRow.id.in_(wanted)).order_by(ReviewRow.id)))
        pending = any(row.status in PENDING for row in rows)
        return page(request, "uploads.html.j2", account=account, rows=rows, refresh=pending)

    @app.get("/reviews/{review_id}", response_class=HTMLResponse, include_in_schema=False)
    def review_page(request: Request, review_id: int, account: Account = Depends(clerk)) -> HTMLResponse:
        row = _review(engine, review_id)
        if row.status == "done" and row.review_html:
            return HTMLResponse(row.review_html)
        position = desk().queue_position(review_id) if row.status == "queued" else 0
        return page(request, "review_status.html.j2", account=account, row=row, position=position,
                    refresh=row.status in PENDING, now=datetime.now(timezone.utc))

    @app.get("/reviews/{review_id}/annotated.docx", include_in_schema=False)
    def annotated(review_id: int, _account: Account = Depends(clerk)) -> FileResponse:
        row = _review(engine, review_id)
        path = desk().annotated_path(row)
        if path is None:
            raise HTTPException(404, "该文件没有批注版（仅 Word .docx 文件审查完成后提供）。")
        stem = row.original_name.rsplit(".", 1)[0] or "公文"
        return FileResponse(path, filename=f"{stem}（审查批注）.docx",
                            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def stored_document(document_id: int, _account: Account = Depends(clerk)) -> HTMLResponse:
        with Session(engine) as session:
            if session.get(DocumentRow, document_id) is None:
                raise HTTPException(404, "未找到该文件的审查结果。")
        context = ReportContext(command="check", tool_version=__version__,
                                extra={"page_links": (("/history", "审查记录"), ("/", "上传文件"))})
        return HTMLResponse(render_html([stored_result(store, document_id)], context))

    @app.get("/history", response_class=HTMLResponse, include_in_schema=False)
    def history(request: Request, account: Account = Depends(clerk), since: str = "", until: str = "",
                issuer: str = "", doc_type: str = "", rule: str = "", severity: str = "", status: str = "",
                page_number: int = Query(1, alias="page", ge=1)) -> HTMLResponse:
        filters = {"since": since, "until": until, "issuer": issuer, "doc_type": doc_type, "rule": rule,
                   "severity": severity, "status": status}
        rows, total = _history_rows(engine, filters, zone, page_number)
        choices = _history_choices(engine)
        pages = max(1, -(-total // HISTORY_PAGE_SIZE))
        query = {key: value for key, value in filters.items() if value}
        return page(request, "history.html.j2", account=account, rows=rows, total=total, filters=filters,
                    choices=choices, severity_labels=SEVERITY_LABELS, document_status_labels=DOCUMENT_STATUS_LABELS,
                    page_number=page_number, pages=pages, query=urlencode(query))

    @app.get("/director", response_class=HTMLResponse, include_in_schema=False)
    def director_page(days: int = Query(0, ge=0, le=3660), _account: Account = Depends(director)) -> HTMLResponse:
        since = datetime.now(zone).date() - timedelta(days=days) if days else None
        with Session(engine) as session:
            uploaded = dict(session.execute(select(ReviewRow.document_id, func.max(ReviewRow.id))
                                            .where(ReviewRow.document_id.is_not(None)).group_by(ReviewRow.document_id)).all())
        return HTMLResponse(render_nightly_page(store, since=since, zone=settings.zone, review_url=lambda document_id:
                                                f"/reviews/{uploaded[document_id]}" if document_id in uploaded
                                                else f"/documents/{document_id}"))

    # ---- administration ----------------------------------------------------------------------
    @app.get("/admin", response_class=HTMLResponse, include_in_schema=False)
    def admin_page(request: Request, account: Account = Depends(admin), new_token: str = "") -> HTMLResponse:
        return page(request, "admin.html.j2", account=account, users=accounts.list_users(engine),
                    tokens=accounts.list_tokens(engine), packs=available_packs(), current_pack=desk().pack.name,
                    roster_set=accounts.setting(engine, "roster") is not None or settings.roster is not None,
                    roles=ROLES, new_token=request.session.pop("new_token", None), notice=request.session.pop("notice", None))

    def back_to_admin(request: Request, notice: str) -> Response:
        request.session["notice"] = notice
        return RedirectResponse("/admin", status_code=303)

    def admin_action(request: Request, action: Callable[[], str]) -> Response:
        """Run ``action`` and show what it says on the admin page, or why it was refused."""
        try:
            notice = action()
        except ConfigError as error:
            notice = str(error)
        return back_to_admin(request, notice)

    @app.post("/admin/users", include_in_schema=False)
    async def admin_add_user(request: Request, _account: Account = Depends(admin)) -> Response:
        form = await request.form(max_fields=10)

        def add() -> str:
            created = accounts.add_user(engine, str(form.get("name", "")), str(form.get("role", "")),
                                        str(form.get("password", "")))
            return f"已添加用户“{created.name}”（{ROLE_LABELS[created.role]}）。"
        return admin_action(request, add)

    @app.post("/admin/users/active", include_in_schema=False)
    async def admin_set_active(request: Request, account: Account = Depends(admin)) -> Response:
        form = await request.form(max_fields=10)
        name, active = str(form.get("name", "")), form.get("active") == "1"
        if name == account.name and not active:
            return back_to_admin(request, "不能停用自己正在使用的账号。")

        def switch() -> str:
            accounts.set_active(engine, name, active)
            return f"已{'启用' if active else '停用'}用户“{name}”。"
        return admin_action(request, switch)

    @app.post("/admin/tokens", include_in_schema=False)
    async def admin_issue_token(request: Request, _account: Account = Depends(admin)) -> Response:
        form = await request.form(max_fields=10)

        def issue() -> str:
            token_id, request.session["new_token"] = accounts.issue_token(
                engine, str(form.get("name", "")), str(form.get("label", "")))
            return f"已生成令牌 {token_id}。令牌只显示这一次，请立即复制并妥善保存。"
        return admin_action(request, issue)

    @app.post("/admin/tokens/{token_id}/revoke", include_in_schema=False)
    def admin_revoke_token(request: Request, token_id: int, _account: Account = Depends(admin)) -> Response:
        def revoke() -> str:
            accounts.revoke_token(engine, token_id)
            return f"令牌 {token_id} 已吊销，立即失效。"
        return admin_action(request, revoke)

    @app.post("/admin/pack", include_in_schema=False)
    async def admin_set_pack(request: Request, _account: Account = Depends(admin)) -> Response:
        form = await request.form(max_fields=10)
        name = str(form.get("pack", ""))
        if name not in available_packs():
            return back_to_admin(request, f"规则包“{name}”不存在。")
        accounts.set_setting(engine, "pack", name)
        desk().configure(load_pack(name), desk().options.roster)
        return back_to_admin(request, f"默认规则包已改为“{name}”，此后上传的文件按此审查。")

    @app.post("/admin/roster", include_in_schema=False)
    async def admin_set_roster(request: Request, _account: Account = Depends(admin)) -> Response:
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("roster")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return back_to_admin(request, "请选择人员名单文件（YAML）。")
        text = (await upload.read(settings.max_upload_mb * 1024 * 1024)).decode("utf-8", "replace")
        try:
            roster = _roster_from_text(settings.data_dir, text)
        except ConfigError as error:
            return back_to_admin(request, f"人员名单未更新：{error}")
        accounts.set_setting(engine, "roster", text)
        desk().configure(desk().pack, roster)
        return back_to_admin(request, f"人员名单已更新（{len(roster.names())} 人），此后上传的文件按此审查。")

    # ---- API for the OA system -------------------------------------------------------------------
    @app.post("/api/v1/reviews", summary="提交一份公文审查", tags=["审查"], status_code=202,
              responses={200: {"description": "已有审查结果（同一内容此前已审查，或在等待时间内完成）"},
                         202: {"description": "已受理，正在排队或审查中"}})
    async def api_submit(request: Request, wait: float = Query(0, ge=0, le=MAX_WAIT_SECONDS,
                                                               description="最多等待审查完成的秒数（0 表示立即返回）"),
                         account: Account = Depends(clerk)) -> JSONResponse:
        """multipart/form-data：`file`（公文文件，必填）、`pack`（规则包名称，选填）、`sidecar`（发文稿纸
        .approval.yaml，选填）。返回的 JSON 与 `gongwen check --format json` 相同，另加 `review` 对象。"""
        form = await request.form(max_files=2, max_fields=10)
        document = form.get("file")
        if not isinstance(document, UploadFile) or not document.filename:
            raise HTTPException(422, "缺少公文文件（字段 file）。")
        sidecar = form.get("sidecar")
        pack_name = str(form.get("pack") or "")
        if pack_name and pack_name not in available_packs():
            raise HTTPException(422, f"规则包“{pack_name}”不存在，可选：{'、'.join(available_packs())}。")
        data = await _read_bounded(document, settings)
        sidecar_data = await _read_bounded(sidecar, settings) if isinstance(sidecar, UploadFile) and sidecar.filename else None
        submitted = await asyncio.to_thread(desk().submit, Upload(document.filename, data, sidecar_data), account.id,
                                            _pack_named(pack_name, desk().pack))
        row = await _wait_for(engine, submitted.review_id, wait)
        body = _api_review(row, submitted.duplicate)
        return JSONResponse(body, status_code=202 if row.status in PENDING else 200)

    @app.get("/api/v1/reviews/{review_id}", summary="查询一份审查的状态与结果", tags=["审查"])
    def api_review(review_id: int, _account: Account = Depends(clerk)) -> JSONResponse:
        return JSONResponse(_api_review(_review(engine, review_id)))

    @app.get("/api/v1/reviews", summary="列出某时刻以来的审查", tags=["审查"])
    def api_reviews(since: datetime | None = Query(None, description="ISO 8601 时刻，如 2026-12-01T00:00:00+08:00"),
                    limit: int = Query(100, ge=1, le=1000), _account: Account = Depends(clerk)) -> JSONResponse:
        query = select(ReviewRow).order_by(ReviewRow.id).limit(limit)
        if since is not None:
            query = query.where(ReviewRow.created_at >= (since if since.tzinfo else since.replace(tzinfo=zone)))
        with Session(engine) as session:
            rows = list(session.scalars(query))
        return JSONResponse({"reviews": [_review_meta(row) for row in rows]})

    return app


def jsonable_errors(error: RequestValidationError) -> list[dict]:
    return [{"loc": list(map(str, item["loc"])), "msg": str(item["msg"])} for item in error.errors()]


def _by_token(request: Request) -> bool:
    return request.headers.get("authorization", "").lower().startswith("bearer ")


async def _form_csrf(request: Request, settings: ServiceSettings) -> str | None:
    """The CSRF field of a posted form. The form is parsed here with the largest limits any route
    allows; the route's own ``request.form()`` gets this same parsed form back."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    form = await request.form(max_files=settings.max_files * 2 + 2, max_fields=50)
    value = form.get("csrf_token")
    return value if isinstance(value, str) else None


def _viewer(request: Request, engine) -> Account | None:
    """The account behind this request: its API token, else its session."""
    authorization = request.headers.get("authorization", "")
    if _by_token(request):
        return accounts.account_for_token(engine, authorization[7:].strip())
    user_id = request.session.get("user_id") if "session" in request.scope else None
    return accounts.account_by_id(engine, user_id) if isinstance(user_id, int) else None


def _csrf_token(request: Request) -> str:
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(32)
    return request.session["csrf"]


def _safe_next(target: str) -> str:
    """Only a path on this site: never another host (``//host``, ``/\\host``) after logging in."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def _review(engine, review_id: int) -> ReviewRow:
    with Session(engine) as session:
        row = session.get(ReviewRow, review_id)
    if row is None:
        raise HTTPException(404, f"未找到编号为 {review_id} 的审查。")
    return row


def _review_meta(row: ReviewRow, duplicate: bool = False) -> dict:
    def moment(value: datetime | None) -> str | None:
        return None if value is None else (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()

    return {"id": row.id, "status": row.status, "status_label": STATUS_LABELS[row.status], "name": row.original_name,
            "pack": row.pack, "uploaded_at": moment(row.created_at), "finished_at": moment(row.finished_at),
            "duplicate": duplicate, "error": row.error_message, "url": f"/api/v1/reviews/{row.id}",
            "page": f"/reviews/{row.id}"}


def _api_review(row: ReviewRow, duplicate: bool = False) -> dict:
    return {"review": _review_meta(row, duplicate), **(row.report or {})}


async def _wait_for(engine, review_id: int, seconds: float) -> ReviewRow:
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        row = await asyncio.to_thread(_review, engine, review_id)
        if row.status not in PENDING or asyncio.get_running_loop().time() >= deadline:
            return row
        await asyncio.sleep(0.1)


async def _read_bounded(upload: UploadFile, settings: ServiceSettings) -> bytes:
    limit = settings.max_upload_mb * 1024 * 1024
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"文件“{upload.filename}”超过了单个文件 {settings.max_upload_mb} MB 的上限。")
    return data


async def _paired_uploads(files: list[UploadFile], settings: ServiceSettings) -> list[Upload]:
    """The documents of a page upload, each with the approval sidecar uploaded beside it, named as
    on disk (``请示.docx.approval.yaml``, or ``请示.approval.yaml``)."""
    sidecars = {item.filename[: -len(SIDECAR_SUFFIX)]: item for item in files if item.filename.endswith(SIDECAR_SUFFIX)}
    documents = [item for item in files if not item.filename.endswith(SIDECAR_SUFFIX)]
    if len(documents) > settings.max_files:
        raise HTTPException(413, f"一次最多上传 {settings.max_files} 份文件，请分批上传。")
    uploads = []
    for item in documents:
        sidecar = sidecars.get(item.filename) or sidecars.get(item.filename.rpartition(".")[0])
        uploads.append(Upload(item.filename, await _read_bounded(item, settings),
                              await _read_bounded(sidecar, settings) if sidecar else None))
    return uploads


def _pack_named(name: str, default: Pack) -> Pack:
    if not name or name == default.name or name not in available_packs():
        return default
    return load_pack(name)


def _configured_pack_and_roster(engine, settings: ServiceSettings) -> tuple[Pack, Roster | None]:
    """What an administrator set through the service wins over the command line's defaults."""
    pack = load_pack(accounts.setting(engine, "pack") or settings.pack)
    roster_text = accounts.setting(engine, "roster")
    if roster_text is not None:
        return pack, _roster_from_text(settings.data_dir, roster_text)
    return pack, load_roster(settings.roster) if settings.roster else None


def _roster_from_text(data_dir: Path, text: str) -> Roster:
    data_dir.mkdir(parents=True, exist_ok=True)
    candidate = data_dir / "roster.candidate.yaml"
    candidate.write_text(text, encoding="utf-8")
    roster = load_roster(candidate)
    candidate.replace(data_dir / "roster.yaml")
    return roster


def _day_start(text: str, zone: ZoneInfo, days_after: int = 0) -> datetime | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return datetime.combine(day + timedelta(days=days_after), time.min, tzinfo=zone)


def _history_rows(engine, filters: dict[str, str], zone: ZoneInfo, page_number: int) -> tuple[list, int]:
    counts = (select(FindingRow.document_id, func.count().label("findings"),
                     func.sum(case((FindingRow.severity == "error", 1), else_=0)).label("errors"))
              .group_by(FindingRow.document_id).subquery())
    query = (select(DocumentRow, ReviewRow.id.label("review_id"), ReviewRow.original_name,
                    func.coalesce(counts.c.findings, 0), func.coalesce(counts.c.errors, 0))
             .outerjoin(counts, counts.c.document_id == DocumentRow.id)
             .outerjoin(ReviewRow, ReviewRow.document_id == DocumentRow.id))
    conditions = []
    if (start := _day_start(filters["since"], zone)) is not None:
        conditions.append(DocumentRow.processed_at >= start)
    if (end := _day_start(filters["until"], zone, 1)) is not None:
        conditions.append(DocumentRow.processed_at < end)
    if filters["issuer"]:
        conditions.append(DocumentRow.issuer.contains(filters["issuer"]))
    if filters["doc_type"]:
        conditions.append(DocumentRow.doc_type == filters["doc_type"])
    if filters["status"] in DOCUMENT_STATUS_LABELS:
        conditions.append(DocumentRow.status == filters["status"])
    if filters["rule"] or filters["severity"] in SEVERITY_LABELS:
        having = select(FindingRow.document_id)
        if filters["rule"]:
            having = having.where(FindingRow.rule == filters["rule"])
        if filters["severity"] in SEVERITY_LABELS:
            having = having.where(FindingRow.severity == filters["severity"])
        conditions.append(DocumentRow.id.in_(having))
    if conditions:
        query = query.where(*conditions)
    with Session(engine) as session:
        total = session.scalar(select(func.count()).select_from(query.with_only_columns(DocumentRow.id).subquery()))
        rows = session.execute(query.order_by(DocumentRow.processed_at.desc(), DocumentRow.id.desc())
                               .offset((page_number - 1) * HISTORY_PAGE_SIZE).limit(HISTORY_PAGE_SIZE)).all()
        session.expunge_all()
    return rows, total or 0


def _history_choices(engine) -> dict[str, list[str]]:
    with Session(engine) as session:
        return {
            "doc_type": [value for value in session.scalars(select(DocumentRow.doc_type).distinct()) if value],
            "rule": sorted(value for value in session.scalars(select(FindingRow.rule).distinct()) if value),
        }
