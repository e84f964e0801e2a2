"""Read attribution gold in the PolNeAR layout (BRAT standoff).

A gold folder holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``. When an
article has several annotator versions, the lexicographically first ``.ann`` file name (plain
code-point order) is used and the others are listed in ``GoldDocument.other_ann_paths``.

Only text-bound entities (``T`` lines, fragments ``start end`` or ``start end;start end``)
that an attribution event (``E`` line) links are used. Event roles whose name starts with
``Source``, ``Cue`` or ``Content`` (any case; ``Content2`` ... are merged into the content)
are kept; the anchor roles ``Attribution`` / ``Attribution-no-source`` and any other role are
ignored. Attributions without content are kept here and dropped (and counted) by the scorer.
Lines of other kinds (``#`` notes, relations, attributes, continuation lines of multi-line
entity texts) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.evaluation.spans import ROLES, EvalInputError, Fragment, Role, SpanAttribution

_NEWLINE = re.compile(r"\r\n|\r|\n")
_T_ID = re.compile(r"T\d+")
_T_FIELD = re.compile(r"\S+ \d+ \d+(?:;\d+ \d+)*")
_LAYOUT = "expected text/<doc>.txt and attributions/<doc>_<annotator>.ann"


class BratFormatError(EvalInputError):
    """A gold folder or ``.ann`` file that does not follow the expected layout or syntax."""


@dataclass(slots=True)
class GoldDocument:
    """One gold article: its text and the attributions of its chosen annotator file."""

    id: str
    text: str
    attributions: list[SpanAttribution] = field(default_factory=list)
    ann_path: Path | None = None
    other_ann_paths: list[Path] = field(default_factory=list)


@dataclass(slots=True)
class BratCorpus:
    """A gold folder: documents by id (sorted), plus what did not pair up."""

    root: Path
    documents: dict[str, GoldDocument]
    texts_without_ann: list[str] = field(default_factory=list)
    anns_without_text: list[Path] = field(default_factory=list)

    def warnings(self) -> list[str]:
        out = []
        if self.texts_without_ann:
            out.append(
                f"{len(self.texts_without_ann)} text(s) have no .ann file and are scored as "
                f"having no gold attributions: {', '.join(self.texts_without_ann[:5])}"
                + (" ..." if len(self.texts_without_ann) > 5 else "")
            )
        for path in self.anns_without_text:
            out.append(f"{path}: no matching text/<doc>.txt; ignored")
        return out


def _role_of(role: str) -> Role | None:
    name = role.lower()
    if name.startswith("attribution"):
        return None
    for kind in ROLES:
        if name.startswith(kind):
            return kind
    return None


def parse_ann(path: str | Path) -> list[SpanAttribution]:
    """The attributions (``E`` lines) of one ``.ann`` file, in file order.

    Raises :class:`BratFormatError` naming the file and line for a malformed ``T``/``E``
    line or an event argument that points to no text-bound entity.
    """
    path = Path(path)
    entities: dict[str, list[Fragment]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    # Records end at \n, \r\n or \r (not at the other separators str.splitlines() knows).
    for lineno, line in enumerate(_NEWLINE.split(_read_utf8(path)), 1):
        if not line:
            continue
        parts = line.split("\t")
        ident = parts[0]
        if len(parts) < 2:
            continue
        if ident.startswith("T") and _T_FIELD.fullmatch(parts[1]):
            _, offsets = parts[1].split(" ", 1)
            frags = []
            for piece in offsets.split(";"):
                start, end = piece.split(" ")
                frags.append((int(start), int(end)))
            entities[ident] = frags
        elif _T_ID.fullmatch(ident):
            raise BratFormatError(
                f"{path}:{lineno}: malformed text-bound annotation {parts[1]!r} "
                "(want 'Type start end' or 'Type start end;start end')"
            )
        elif ident.startswith("E") and ident[1:].isdigit():
            args = []
            for arg in parts[1].split():
                role, sep, ref = arg.partition(":")
                if not sep or not role or not ref:
                    raise BratFormatError(
                        f"{path}:{lineno}: malformed event argument {arg!r} (want Role:ID)"
                    )
                args.append((role, ref))
            events.append((lineno, args))
    attributions = []
    for lineno, args in events:
        frags: dict[Role, list[Fragment]] = {role: [] for role in ROLES}
        for role, ref in args:
            kind = _role_of(role)
            if kind is None:
                continue
            if ref not in entities:
                raise BratFormatError(
                    f"{path}:{lineno}: argument {role}:{ref} refers to no text-bound "
                    f"annotation ({ref} is not a T line of this file)"
                )
            frags[kind].extend(entities[ref])
        attributions.append(
            SpanAttribution(
                source=tuple(frags["source"]),
                cue=tuple(frags["cue"]),
                content=tuple(frags["content"]),
            )
        )
    return attributions


def _read_utf8(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as exc:
        raise BratFormatError(
            f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})"
        ) from exc


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def read_gold_dir(gold_dir: str | Path) -> BratCorpus:
    """Read a PolNeAR-layout gold folder.

    Every ``text/*.txt`` is a document (id = file name without ``.txt``); its gold is the
    lexicographically first ``attributions/<id>_*.ann`` (the annotator suffix is whatever
    follows the last underscore). A text with no ``.ann`` file has no gold attributions.
    """
    root = Path(gold_dir)
    if not root.is_dir():
        raise BratFormatError(f"gold folder not found: {root}")
    text_dir = root / "text"
    ann_dir = root / "attributions"
    for sub in (text_dir, ann_dir):
        if not sub.is_dir():
            raise BratFormatError(f"{root}: no {sub.name}/ folder ({_LAYOUT})")
    texts = _files(text_dir, ".txt")
    if not texts:
        raise BratFormatError(f"{text_dir}: no .txt files ({_LAYOUT})")
    anns: dict[str, list[Path]] = {}
    unpaired: list[Path] = []
    for path in _files(ann_dir, ".ann"):
        stem = path.name[: -len(".ann")]
        doc_id, sep, _annotator = stem.rpartition("_")
        if not sep:
            unpaired.append(path)
            continue
        anns.setdefault(doc_id, []).append(path)
    documents: dict[str, GoldDocument] = {}
    for path in texts:
        doc_id = path.name[: -len(".txt")]
        versions = anns.get(doc_id, [])
        documents[doc_id] = GoldDocument(
            id=doc_id,
            text=_read_utf8(path),
            attributions=parse_ann(versions[0]) if versions else [],
            ann_path=versions[0] if versions else None,
            other_ann_paths=versions[1:],
        )
    without_ann = [doc_id for doc_id, doc in documents.items() if doc.ann_path is None]
    unpaired += [p for doc_id, ps in anns.items() if doc_id not in documents for p in ps]
    if len(without_ann) == len(documents):
        raise BratFormatError(
            f"{ann_dir}: no .ann file matches any of the {len(documents)} texts ({_LAYOUT})"
        )
    return BratCorpus(
        root=root,
        documents=documents,
        texts_without_ann=without_ann,
        anns_without_text=sorted(unpaired),
    )
