"""The HTML pages: the same view functions as the API (:mod:`onrecord.web.views`), rendered
with the package's Jinja2 templates. Every page reads without JavaScript."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from onrecord.web import stories as story_views
from onrecord.web import views
from onrecord.web.annotations import describe
from onrecord.web.api import DATE, AnalyzeRequest, Limit, Offset, StoreDep, analyze_text
from onrecord.web.article import headline, layout
from onrecord.web.filters import page_url

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env = request.app.state.templates
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def _links(request: Request, page: dict[str, Any] | None) -> dict[str, str | None]:
    """The previous and next page of ``page`` on this same page, filters kept."""
    if page is None:
        return {"prev": None, "next": None}
    params: dict[str, Any] = {k: request.query_params.getlist(k) for k in request.query_params}
    following = page.get("next_offset")
    offset, limit = page["offset"], page["limit"]
    return {
        "prev": page_url(request.url.path, params, max(offset - limit, 0)) if offset else None,
        "next": page_url(request.url.path, params, following) if following is not None else None,
    }


def _article(request: Request, data: dict[str, Any], **context: Any) -> HTMLResponse:
    record = data["record"]
    document = record["document"]
    return render(
        request,
        "article.html",
        record=record,
        document=document,
        heading=document.get("title") or headline(record) or document["id"],
        blocks=layout(record),
        side=describe(record, data.get("actors")),
        **context,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0):
    page = views.documents(store, views.Window(limit, offset))
    counts = store.counts()
    return render(request, "documents.html", page=page, counts=counts, links=_links(request, page))


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, document_id: int):
    from onrecord.compare.store import story_of

    data = views.document(store, document_id)
    return _article(request, data, stored_id=document_id, story=story_of(store, document_id))


@router.get("/statements", response_class=HTMLResponse)
def statements(
    request: Request,
    store: StoreDep,
    speaker: str | None = None,
    about: str | None = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    source: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    page = views.statements(
        store,
        views.Window(limit, offset),
        speaker=speaker or None,
        about=about or None,
        since=since or None,
        until=until or None,
        source=source or None,
    )
    return render(request, "statements.html", page=page, links=_links(request, page))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: str = "", limit: Limit = 50, offset: Offset = 0):
    page = views.search(store, views.Window(limit, offset), q) if q.strip() else None
    return render(request, "search.html", q=q, page=page, links=_links(request, page))


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, store: StoreDep, top: Limit = 50, offset: Offset = 0):
    page = views.speakers(store, views.Window(top, offset))
    return render(request, "speakers.html", page=page, links=_links(request, page))


@router.get("/speakers/{name}", response_class=HTMLResponse)
def speaker(request: Request, store: StoreDep, name: str, limit: Limit = 50, offset: Offset = 0):
    page = views.speaker(store, views.Window(limit, offset), name)
    return render(request, "speaker.html", page=page, links=_links(request, page))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    store: StoreDep,
    actor: Annotated[list[str] | None, Query()] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    actors = [a for a in actor or [] if a.strip()]
    page = (
        views.timeline(store, views.Window(limit, offset), actors, since=since, until=until)
        if actors
        else None
    )
    return render(
        request,
        "timeline.html",
        actors=actors,
        page=page,
        links=_links(request, page),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(
    request: Request,
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    about: str | None = None,
    actor: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    page = story_views.stories(
        store,
        views.Window(limit, offset),
        since=since or None,
        until=until or None,
        about=about or None,
        actor=actor or None,
    )
    return render(request, "stories.html", page=page, links=_links(request, page))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, store: StoreDep, story_id: str):
    """The story's comparison side by side: a column per document, a row per claim."""
    return render(request, "story.html", **story_views.story_page(store, story_id))


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request):
    return render(request, "analyze.html", form={}, error=None)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze(request: Request):
    """A pasted text (a form post), analysed and shown like a stored article; not stored."""
    fields = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    form = {name: values[0] for name, values in fields.items() if values}
    given = {k: (form.get(k) or "").strip() or None for k in ("published", "source", "url")}
    try:
        body = AnalyzeRequest(text=form.get("text", ""), **given)
    except ValidationError as exc:
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return render(request, "analyze.html", status=422, form=form, error=message)
    from fastapi import HTTPException

    try:
        record = await run_in_threadpool(analyze_text, body, request.app.state.time_limit)
    except HTTPException as exc:
        return render(request, "analyze.html", status=422, form=form, error=str(exc.detail))
    return _article(request, {"record": record, "actors": {}}, pasted=True, form=form)
