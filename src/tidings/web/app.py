"""The web application: the JSON API and the pages, over one store file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings import __version__
from tidings.errors import StoreError, UsageError
from tidings.read.sources import DEFAULT_MAX_BYTES
from tidings.store import Store
from tidings.store.views import ArticleRef
from tidings.web.api import Processed, router, write_router
from tidings.web.cache import Answers
from tidings.web.pool import StorePool


class Writer:
    """The one writer a server with a token has: documents processed one at a time."""

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def process(self, raw: bytes, fmt: str, date: str | None, name: str | None) -> Processed:
        from tidings.api import parse_bytes

        with self._lock:
            records = parse_bytes(raw, path=name, fmt=fmt, date=date, max_bytes=self.max_bytes)
            with Store(self.path) as store:
                added, _failed = store.add(records)
        stored = [r for r in records if r.paragraphs]
        return Processed(
            added=added,
            articles=[
                ArticleRef(r.id, r.title, r.published, r.source.outlet, r.source.url)
                for r in stored
            ],
            errors=[e for r in records for e in r.errors],
        )


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    """The API and pages over the store at `db`: read-only unless `token` is given,
    and then a POST route that needs it."""
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"no database at {path}; run `tidings process PATH --db {path}` first")
    if os.access(path, os.W_OK):
        Store(path).close()  # brings an older store's schema up to date before readers open it
    app = FastAPI(
        title="tidings",
        version=__version__,
        description="News articles as clean, structured, linked data: the store, read-only.",
        docs_url=None,  # FastAPI's own /docs loads Swagger UI from a CDN: ours is local
        redoc_url=None,
    )
    app.state.pool = StorePool(path)
    app.state.answers = Answers()
    app.state.token = token
    app.include_router(router)
    if token:
        app.state.writer = Writer(path)
        app.include_router(write_router)
    _add_error_handlers(app)
    from tidings.web.pages import mount_pages

    _mount_api_docs(app)
    mount_pages(app)
    return app


def _mount_api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, its script and style served from the pinned fastapi-offline
    package (Swagger UI 5, which reads OpenAPI 3.1)."""
    from importlib.resources import files

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount(
        "/vendor/swagger-ui",
        StaticFiles(directory=str(files("fastapi_offline") / "static")),
        name="swagger-ui",
    )

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="tidings API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon.png",
        )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UsageError)
    async def bad_request(request: Request, exc: UsageError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reasons = [
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
            for e in exc.errors()
        ]
        return _error(request, 422, "; ".join(reasons), exc.errors())


def _error(
    request: Request,
    status: int,
    reason: str,
    details: object = None,
    headers: dict[str, str] | None = None,
) -> Response:
    from tidings.web.pages import error_page, wants_html

    if wants_html(request):
        return error_page(request, status, reason)
    body: dict[str, object] = {"detail": reason}
    if details is not None:
        body["errors"] = jsonable(details)
    return JSONResponse(body, status_code=status, headers=headers)


def jsonable(value: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value, custom_encoder={Exception: str})


def serve(db: str | Path, host: str, port: int, token: str | None = None,
          access_log: bool = False) -> None:  # fmt: skip
    import uvicorn

    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info",
                access_log=access_log)  # fmt: skip
