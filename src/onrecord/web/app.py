"""The ASGI application behind `onrecord serve`: the REST API under /api, the web pages, the
OpenAPI reference at /docs, static files from the package, all on one read-only store.

/docs: FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script,
which is neither offline nor allowed by our Content-Security-Policy. fastapi-offline ships
Swagger UI 5 (which renders the OpenAPI 3.1 that FastAPI writes) as package files; we serve
those under /static/swagger and start them from our own script file.
"""

from __future__ import annotations

from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from onrecord.compare.store import StoryError
from onrecord.store import Store
from onrecord.store.page_queries import DocumentNotFound
from onrecord.store.queries import AmbiguousName, NameNotFound
from onrecord.web.security import BodyLimit, SecurityHeaders, client_error

MAX_BODY = 1024 * 1024  # POST bodies: one article (the longest news articles are ~100 kB)
#: Seconds of analysis per pasted text: onrecord.pipeline.budget.DEFAULT_TIME_LIMIT (a test
#: checks they agree; not imported, so that the app starts without loading spaCy).
TIME_LIMIT = 300.0
PACKAGE = Path(str(resources.files("onrecord.web")))
SWAGGER = Path(fastapi_offline.__file__).parent / "static"


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from onrecord.web import filters

    env.filters.update(filters.FILTERS)
    env.globals.update(filters.GLOBALS)
    return env


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(
    store: Store, *, max_body: int = MAX_BODY, time_limit: float | None = TIME_LIMIT
) -> FastAPI:
    """The app on ``store`` (opened read-only by the caller; see :mod:`onrecord.web.store`);
    ``time_limit``: seconds of analysis per text posted to /api/analyze (None: no limit)."""
    from onrecord.web import api, pages

    app = FastAPI(
        title="onrecord",
        summary="Who said what, to whom, when, as whose account: a store of analysed news.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.templates = templates()
    app.state.max_body = max_body
    app.state.time_limit = time_limit
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER), name="swagger")
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    def error(request: Request, status: int, message: str, **extra: Any) -> Response:
        if _wants_json(request):
            return JSONResponse(client_error(status, message, **extra), status_code=status)
        html = app.state.templates.get_template("error.html").render(
            request=request, status=status, message=message, **extra
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        generic = {404: "not found: " + request.url.path, 405: "method not allowed here"}
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code in generic and detail == HTTPStatus(exc.status_code).phrase:
            detail = generic[exc.status_code]
        return error(request, exc.status_code, detail or HTTPStatus(exc.status_code).phrase)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, _validation_message(exc))

    @app.exception_handler(NameNotFound)
    async def unknown_name(request: Request, exc: NameNotFound) -> Response:
        # The stored names closest to the one asked for, as data (onrecord.store.lookup).
        near = [suggestion.to_dict() for suggestion in exc.suggestions]
        return error(request, 404, str(exc), **({"suggestions": near} if near else {}))

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, exc: AmbiguousName) -> Response:
        return error(request, 400, str(exc), candidates=sorted(exc.candidates))

    @app.exception_handler(DocumentNotFound)
    async def no_document(request: Request, exc: DocumentNotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(StoryError)
    async def no_story(request: Request, exc: StoryError) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(SQLAlchemyError)
    async def store_error(request: Request, exc: SQLAlchemyError) -> Response:
        return error(request, 503, "the store could not answer: " + str(exc.args[0])[:200])

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return error(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse((PACKAGE / "static" / "docs.html").read_text(encoding="utf-8"))

    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onrecord")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
