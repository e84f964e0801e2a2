"""The REST API: JSON from the same view functions as the pages (:mod:`onrecord.web.views`).

Lists answer ``{NAME: [...], "limit", "offset", "next"}``; ``next`` is the URL of the next
page, or null on the last. Errors answer ``{"status", "error"}`` with the HTTP status.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from onrecord.store import Store
from onrecord.web import stories as story_views
from onrecord.web import views


class ErrorBody(BaseModel):
    """Every error: the HTTP status and a message for people."""

    status: int
    error: str


router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={
        code: {"model": ErrorBody, "description": what}
        for code, what in (
            (400, "Bad request (an ambiguous name, a query with no words)"),
            (404, "No such document, speaker or story"),
            (422, "Invalid parameters, or analysis over the server's time limit"),
        )
    },
)

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
_analysis_lock = threading.Lock()  # one spaCy pipeline per process, one document at a time


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip (take it from `next`).")]
Since = Annotated[str | None, Query(pattern=DATE, description="From this date, inclusive.")]
Until = Annotated[str | None, Query(pattern=DATE, description="Up to this date, inclusive.")]


def paged(request: Request, page: dict[str, Any]) -> JSONResponse:
    """The page as JSON, ``next_offset`` turned into the ``next`` URL."""
    body = dict(page)
    following = body.pop("next_offset")
    body["next"] = (
        str(request.url.include_query_params(offset=following)) if following is not None else None
    )
    return JSONResponse(body)


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article, plain text (headline on the first line).")
    published: str | None = Field(None, pattern=DAY, description="Publication date.")
    source: str | None = Field(None, description="The outlet, e.g. RT or Reuters.")
    url: str | None = None
    title: str | None = None


def analyze_text(body: AnalyzeRequest, time_limit: float | None) -> dict[str, Any]:
    """The onrecord/1 record of ``body.text``; nothing is stored. Input errors, and analysis
    over ``time_limit`` seconds (the server's ``--time-limit``), are 422s."""
    from onrecord.pipeline import AnalysisError
    from onrecord.pipeline.budget import TimeLimitExceeded
    from onrecord.pipeline.records import analyze
    from onrecord.text.input import InputError, check_text

    try:
        check_text(body.text)
        with _analysis_lock:
            record = analyze(
                body.text.replace("\r\n", "\n").replace("\r", "\n"),
                published=body.published,
                source=body.source,
                url=body.url,
                title=body.title,
                doc_id="pasted",
                time_limit=time_limit,
            )
    except (InputError, AnalysisError) as exc:
        raise HTTPException(422, str(exc)) from exc
    except TimeLimitExceeded as exc:
        raise HTTPException(422, f"analysis stopped: {exc}") from exc
    return record.to_dict()


@router.post("/analyze", summary="Analyse a text without storing it (onrecord/1)")
def analyze_endpoint(request: Request, body: AnalyzeRequest) -> JSONResponse:
    return JSONResponse(analyze_text(body, request.app.state.time_limit))


@router.get("/documents", summary="Stored documents, in storage order")
def documents(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0):
    return paged(request, views.documents(store, views.Window(limit, offset)))


@router.get("/documents/{document_id}", summary="One document's full onrecord/1 record")
def document(store: StoreDep, document_id: int) -> JSONResponse:
    return JSONResponse(views.document(store, document_id)["record"])


@router.get("/statements", summary="Statements, oldest first, filtered")
def statements(
    request: Request,
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="Who said it (canonical or surname).")] = None,
    about: Annotated[str | None, Query(description="Words the statement contains.")] = None,
    since: Since = None,
    until: Until = None,
    source: Annotated[str | None, Query(description="The outlet, exactly as stored.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    window = views.Window(limit, offset)
    page = views.statements(
        store, window, speaker=speaker, about=about, since=since, until=until, source=source
    )
    return paged(request, page)


@router.get("/search", summary="Full-text search over what was said, best match first")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description='Words; "double quotes" for a phrase.')],
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    return paged(request, views.search(store, views.Window(limit, offset), q))


@router.get("/speakers", summary="Who is quoted most")
def speakers(
    request: Request,
    store: StoreDep,
    top: Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Speakers per page.")] = 20,
    offset: Offset = 0,
) -> JSONResponse:
    return paged(request, views.speakers(store, views.Window(top, offset)))


@router.get("/speakers/{name}", summary="A speaker's profile and statements")
def speaker(
    request: Request, store: StoreDep, name: str, limit: Limit = 50, offset: Offset = 0
) -> JSONResponse:
    return paged(request, views.speaker(store, views.Window(limit, offset), name))


@router.get("/timeline", summary="Events involving every given actor, by date")
def timeline(
    request: Request,
    store: StoreDep,
    actor: Annotated[list[str], Query(min_length=1, description="Repeat for each actor.")],
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    window = views.Window(limit, offset)
    return paged(request, views.timeline(store, window, actor, since=since, until=until))


About = Annotated[str | None, Query(description="Words the story's documents contain.")]
Actor = Annotated[str | None, Query(description="An actor named in the story's documents.")]
StoryId = Annotated[str, Path(description="A story id: s3 (or 3).")]


@router.get("/stories", summary="Stories (documents reporting one event), in story id order")
def stories(
    request: Request,
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    about: About = None,
    actor: Actor = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    window = views.Window(limit, offset)
    page = story_views.stories(store, window, since=since, until=until, about=about, actor=actor)
    return paged(request, page)


@router.get("/stories/{story_id}", summary="One story: documents, sources, dates, actors")
def story(store: StoreDep, story_id: StoryId) -> JSONResponse:
    return JSONResponse(story_views.story(store, story_id))


@router.get("/compare", summary="A story's comparison, claim by claim (onrecord-compare/1)")
def compare(
    store: StoreDep,
    story: Annotated[str, Query(min_length=1, description="A story id: s3 (or 3).")],
) -> JSONResponse:
    return JSONResponse(story_views.comparison(store, story))
