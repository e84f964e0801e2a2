"""Texts in, Records out: ``load()``; ``analyze()`` for one article; ``analyze_many()``, a stream.

All three run the same spaCy pipeline (the model's components plus onrecord's, see
:mod:`onrecord.pipeline.components`), so one article analysed alone and the same article in a
batch of thousands give identical records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.model import Document, Record
from onrecord.pipeline import components, extensions, workers
from onrecord.pipeline.accelerate import accelerate
from onrecord.pipeline.batching import MAX_CHARS, MAX_DOCS, char_batches
from onrecord.pipeline.budget import DEFAULT_TIME_LIMIT, TimeLimitExceeded, time_limit
from onrecord.pipeline.spacy_model import load_model
from onrecord.pipeline.windows import WINDOW_CHARS, analyze_windows
from onrecord.text.input import check_published, clean_text
from onrecord.text.language import SUPPORTED, document_language
from onrecord.text.tokens import make_bounded_doc

Item = str | tuple[str, dict[str, Any]]


class AnalysisError(Exception):
    """One document could not be analysed (the others in its batch were)."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(doc_id, reason)
        self.doc_id = doc_id
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.reason}"


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The ready pipeline: spaCy model package ``model`` (default: the installed English
    model) with every onrecord component. Loaded once per process and model name. The
    model's attribute ruler and lemmatizer run in their faster, identical form
    (:mod:`onrecord.pipeline.accelerate`)."""
    nlp = accelerate(load_model(model))
    nlp.add_pipe("onrecord")
    return nlp


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    doc_id: str = "document",
    scope: str = "speech",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Record:
    """Analyze one article and return its record (document, entities, attributions, events).

    ``scope`` is "speech" (what was said, believed or intended) or "all" (also topic accounts
    such as "the leaders discussed the crisis", as PolNeAR annotates them). ``published``
    must be an ISO 8601 date (``ValueError`` otherwise). Analysis taking over ``time_limit``
    seconds raises :class:`~onrecord.pipeline.budget.TimeLimitExceeded` (None: no limit).
    """
    components.check_scope(scope)
    meta = {"id": doc_id, "published": published, "source": source, "url": url, "title": title}
    nlp = load()
    with nlp.memory_zone():
        return _whole(nlp, _pair((text, meta)), scope, time_limit)


def analyze_many(
    items: Iterable[Item],
    *,
    batch_size: int = MAX_DOCS,
    batch_chars: int = MAX_CHARS,
    n_process: int = 1,
    scope: str = "speech",
    errors: Literal["raise", "return"] = "raise",
    nlp: Language | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[Record | AnalysisError]:
    """Records for ``items`` (texts, or ``(text, metadata)`` pairs), in input order, streamed.

    Metadata keys are ``id``, ``published``, ``source``, ``url``, ``title`` and ``scope``
    (per document, over ``scope``); dates resolve against each document's own ``published``.
    Batches hold at most ``batch_size`` documents and ``batch_chars`` characters (a longer
    document is a batch of its own), so memory stays bounded on a corpus of any size.
    ``n_process`` > 1 runs batches in that many worker processes, each loading the model once.
    With ``errors="return"`` a document that fails yields an :class:`AnalysisError` in its
    place and the rest go on; with ``"raise"`` (the default) the error is raised. A document
    whose analysis takes over ``time_limit`` seconds fails that way (None: no limit).
    """
    components.check_scope(scope)
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    if nlp is not None and n_process > 1:
        raise ValueError("a pipeline of your own runs in this process: use n_process=1")
    pairs = (_pair(item) for item in items)
    batches = char_batches(pairs, max_docs=batch_size, max_chars=batch_chars)
    if n_process == 1:
        pipeline = nlp or load()
        results: Iterator[Record | AnalysisError] = (
            result
            for batch in batches
            for result in _zoned_batch(pipeline, batch, scope, time_limit)
        )
    else:
        results = _in_processes(batches, n_process, scope, time_limit)
    for result in results:
        if isinstance(result, AnalysisError) and errors == "raise":
            raise result
        yield result


@dataclass(frozen=True, slots=True)
class _Pair:
    text: str
    meta: dict[str, Any]

    def __len__(self) -> int:
        return len(self.text)


def _pair(item: Item) -> _Pair:
    if isinstance(item, tuple):
        text, meta = item
        if not isinstance(meta, dict):
            raise TypeError(f"metadata must be a dict, not {type(meta).__name__}")
    else:
        text, meta = item, {}
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _Pair(text, meta)


def _make_doc(nlp: Language, text: str, meta: dict[str, Any], scope: str) -> Doc:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    # NUL and lone surrogates cannot be stored (nor encoded: spaCy fails on surrogates);
    # U+FFFD keeps every offset (onrecord.text.input.clean_text).
    meta = {**meta, "published": check_published(meta.get("published"))}
    doc = make_bounded_doc(nlp, clean_text(text))
    return extensions.set_metadata(doc, {"scope": scope, **meta})


def _record(doc: Doc) -> Record:
    record = doc._.onrecord
    if record is None:
        raise ValueError("the pipeline has no onrecord components: nlp.add_pipe('onrecord')")
    return record


def _analyze_batch(
    nlp: Language, batch: list[_Pair], scope: str, limit: float | None = DEFAULT_TIME_LIMIT
) -> list[Record | AnalysisError]:
    """The batch through ``nlp.pipe`` (within the sum of its documents' budgets); if anything
    in it fails, each document alone, so that one bad document costs only itself."""
    languages: list[str | None] = [None] * len(batch)
    if len(batch) > 1 and all(len(p) <= WINDOW_CHARS for p in batch):
        try:
            with time_limit(limit * len(batch) if limit else None):
                languages = [document_language(p.text) for p in batch]
                if all(code in SUPPORTED for code in languages):
                    docs = [_make_doc(nlp, p.text, p.meta, scope) for p in batch]
                    records = [_record(doc) for doc in nlp.pipe(docs, batch_size=len(docs))]
                    for record, code in zip(records, languages, strict=True):
                        record.document.language = code
                    return records
        except Exception:
            pass
    return [
        _one(nlp, pair, scope, limit, code) for pair, code in zip(batch, languages, strict=True)
    ]


def _zoned_batch(
    nlp: Language, batch: list[_Pair], scope: str, limit: float | None
) -> list[Record | AnalysisError]:
    """:func:`_analyze_batch` inside spaCy's memory zone: the strings and lexemes of the
    batch's new words are freed when it ends, so a long-lived pipeline (a Dask worker's, an
    ingest's) does not grow with the corpus's vocabulary. Records hold no spaCy objects."""
    with nlp.memory_zone():
        return _analyze_batch(nlp, batch, scope, limit)


def _whole(
    nlp: Language, pair: _Pair, scope: str, limit: float | None, language: str | None = None
) -> Record:
    """One document's record (in windows when it is long, within its time budget); a
    document in a language onrecord cannot analyse gets a record with only its document.
    ``language``: the document's, when the caller already identified it."""
    with time_limit(limit):
        language = language or document_language(pair.text)
        if language not in SUPPORTED:
            return _unanalysed(pair, language)
        if len(pair.text) <= WINDOW_CHARS:
            record = _record(nlp(_make_doc(nlp, pair.text, pair.meta, scope)))
        else:
            meta = {**pair.meta, "published": check_published(pair.meta.get("published"))}
            record = analyze_windows(
                clean_text(pair.text),
                lambda text, _index: _record(nlp(_make_doc(nlp, text, meta, scope))),
            )
        record.document.language = language
        return record


def _unanalysed(pair: _Pair, language: str) -> Record:
    meta = pair.meta
    return Record(
        Document(
            id=meta.get("id") or "document",
            text=clean_text(pair.text),
            url=meta.get("url"),
            source=meta.get("source"),
            title=meta.get("title"),
            published=check_published(meta.get("published")),
            language=language,
        )
    )


def _one(
    nlp: Language,
    pair: _Pair,
    scope: str,
    limit: float | None = DEFAULT_TIME_LIMIT,
    language: str | None = None,
) -> Record | AnalysisError:
    doc_id = str(pair.meta.get("id") or "document")
    try:
        return _whole(nlp, pair, scope, limit, language)
    except TimeLimitExceeded as exc:
        return AnalysisError(doc_id, f"analysis stopped: {exc}")
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else ""
        return AnalysisError(doc_id, f"analysis failed: {type(exc).__name__}: {message[:300]}")


def _worker_batch(
    batch: list[_Pair], scope: str, limit: float | None = DEFAULT_TIME_LIMIT
) -> list[Record | AnalysisError]:
    return _zoned_batch(load(), batch, scope, limit)


def _in_processes(
    batches: Iterable[list[_Pair]], n_process: int, scope: str, limit: float | None
) -> Iterator[Record | AnalysisError]:
    """Batches in worker processes, results in input order, at most 2 batches per worker in
    flight (memory stays bounded however long the stream). The workers exit with this
    process, and are killed, not waited for, on Ctrl-C or when the caller stops reading
    (:mod:`onrecord.pipeline.workers`)."""
    pool = workers.pool(n_process)
    try:
        pending: list[Future[list[Record | AnalysisError]]] = []
        for batch in batches:
            with workers.spawning():
                pending.append(pool.submit(_worker_batch, batch, scope, limit))
            if len(pending) >= 2 * n_process:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    except BaseException:
        workers.stop(pool)
        raise
    pool.shutdown(wait=True)
