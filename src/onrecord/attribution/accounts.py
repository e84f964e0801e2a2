"""Assemble attributions: speakers, quotations without cues, accounts inside accounts, kinds.

Takes the finder's candidates and turns them into ``Attribution`` records in text order:
resolves each source to an entity (pronouns see the speakers before them), gives quotations no
cue claims to the speaker in context, links an attribution whose cue lies inside another's
content to that carrier (``via``), and classifies direct / mixed / indirect by how much of the
content lies inside quote marks.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord.attribution import cue_model, labels
from onrecord.attribution.content import is_title
from onrecord.attribution.finder import AttributionFinder, Candidate, noun_phrase
from onrecord.attribution.nesting import within_depth
from onrecord.entities.index import EntityIndex
from onrecord.entities.speakers import SpeakerContext, SpeakerResolver
from onrecord.model import Attribution, Cue, Document, Span
from onrecord.text.quotes import Quotation

_WORD = re.compile(r"\w")
_ORPHAN_MIN_WORDS = 4


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _inside(mask: bytearray, start: int, end: int, text: str) -> tuple[int, int]:
    """(word characters inside quotes, word characters) in [start, end)."""
    inside = total = 0
    for i in range(start, end):
        if _WORD.match(text[i]):
            total += 1
            inside += mask[i]
    return inside, total


def _quote_mask(text: str, quotations: list[Quotation]) -> bytearray:
    mask = bytearray(len(text))
    in_double = bytearray(len(text))  # strictly inside a double quotation (linear, not pairs)
    for d in quotations:
        if d.level == 0:
            in_double[d.open + 1 : d.close] = b"\x01" * max(0, d.close - d.open - 1)
    for q in quotations:
        if q.level == 1 and in_double[q.open]:
            continue  # a quote inside a quote is still the outer speaker's words
        mask[q.inner_start : q.inner_end] = b"\x01" * (q.inner_end - q.inner_start)
    return mask


def build_attributions(
    doc: Doc,
    document: Document,
    quotations: list[Quotation],
    index: EntityIndex,
    scope: str = "speech",
) -> list[Attribution]:
    text = document.text
    finder = AttributionFinder(doc, quotations, text)
    # Titles in quote marks ("The Return of the King") shape spans like quotations but are
    # nobody's words: not orphan statements, not quoted parts.
    spoken = [q for q in quotations if not is_title(text, q)]
    mask = _quote_mask(text, spoken)
    model = cue_model.load()
    candidates = finder.find(open_vocabulary=model is not None)
    if model is not None:
        candidates = [
            c for c in candidates if model.keep(c, cue_model.features(c, text, mask), scope)
        ]
    people = {m.text for e in index.entities if e.kind == "person" for m in e.mentions}
    speaking = {
        doc[c.source[1] - 1].lower_
        for c in candidates
        if c.source is not None and document.section_at(c.cue_start) == "body"
    }
    labelled = [
        *labels.transcript_labels(doc, text, document, people, speaking),
        *labels.signed_quotes(doc, text),
        *labels.embedded_posts(doc, text),
    ]
    # A speaker label governs its whole line; cues inside the line become accounts it carries.
    for cand in labelled:
        shaped = finder.shaper.shape(*cand.content[0])
        if shaped:
            cand.content = [shaped]
            candidates.append(cand)
    candidates = within_depth([c for c in _dedupe(candidates) if not _quoted_aside(c, mask)])
    for orphan in _orphans(text, spoken, candidates):
        carrier = _split_quote_carrier(text, mask, candidates, orphan.content[0][0])
        if carrier is not None:
            carrier.content.append(orphan.content[0])
        else:
            adopted = finder.governing_cue(orphan)
            same = adopted and next(
                (
                    c
                    for c in candidates
                    if c.cue_token is not None and c.cue_start == adopted.cue_start
                ),
                None,
            )
            if same:  # "described the vote as "a disgrace"": one account, both parts
                same.content.append(orphan.content[0])
            else:
                candidates.append(adopted or orphan)
    candidates = _without_sourceless_inner(candidates)
    candidates.sort(key=lambda c: c.content[0][0] if c.cue_lemma == "" else c.cue_start)

    resolver = SpeakerResolver(index, document.published)
    context = SpeakerContext()
    attributions: list[Attribution] = []
    for number, cand in enumerate(candidates, start=1):
        speaker = None
        source_span = None
        if cand.source is not None:
            s_tok, e_tok = cand.source
            phrase = doc[s_tok:e_tok]
            source_span = Span.of(text, phrase.start_char, phrase.end_char)
            if phrase.text.lower() in ("i", "we") or phrase.root.lower_ in ("i", "we"):
                speaker = None  # resolved through the carrying account below
            else:
                if cand.source_token is not None:
                    s_tok, e_tok = noun_phrase(cand.source_token)
                speaker = resolver.resolve(s_tok, e_tok, context)
                if speaker and phrase.root.lower_ in ("who", "which") and len(phrase) == 1:
                    # "Flynn, who said ...": the relative pronoun is a mention of its antecedent
                    index.add_mention(index.get(speaker), phrase.start, phrase.end)
        elif cand.cue_lemma == "":
            speaker = _context_speaker(context, cand.content[0][0])
            if speaker is not None:
                # The source is the speaker's nearest earlier mention: what a reader looks back to.
                earlier = [m for m in index.get(speaker).mentions if m.end <= cand.content[0][0]]
                if earlier:
                    source_span = earlier[-1]
        addressee = None
        if cand.addressee is not None:
            addressee = resolver.resolve(cand.addressee.i, cand.addressee.i + 1, context)
        if speaker:
            context.remember(cand.cue_start, speaker)
        content = [Span.of(text, s, e) for s, e in cand.content]
        quoted = _quoted_parts(text, spoken, cand.content)
        inside = total = 0
        for s, e in cand.content:
            a, b = _inside(mask, s, e, text)
            inside, total = inside + a, total + b
        if cand.extra.get("label") or (total and inside == total):
            kind = "direct"
        elif inside:
            kind = "mixed"
        else:
            kind = "indirect"
        cue = None
        if cand.cue_lemma:
            cue = Cue(Span.of(text, cand.cue_start, cand.cue_end), cand.cue_lemma)
        attributions.append(
            Attribution(
                id=f"a{number}",
                kind=kind,  # type: ignore[arg-type]
                content=content,
                quoted=quoted,
                cue=cue,
                source=source_span,
                speaker=speaker,
                addressee=addressee,
                section=document.section_at(cand.content[0][0]),
            )
        )
    _link_carriers(attributions)
    for a in attributions:
        if a.speaker and a.source is not None and a.source.text.lower() in ("i", "we"):
            # "I" inside a carried quotation is a mention of the carrier's speaker
            span = doc.char_span(a.source.start, a.source.end)
            if span is not None:
                index.add_mention(index.get(a.speaker), span.start, span.end)
    return attributions


def _quoted_aside(cand: Candidate, mask: bytearray) -> bool:
    """ "I think", "we want", "you know", "is expected" inside a quotation: the quoted speaker's
    own hedges and thoughts, part of the quotation rather than accounts of their own. Accounts
    of someone else inside a quotation ("Putin told me") stay (PolNeAR train: of 317 such
    first-, second-person and sourceless accounts one is annotated)."""
    if cand.cue_token is None or not mask[cand.cue_start]:
        return False
    subject = cand.source_token
    return subject is None or subject.lower_ in _FIRST_SECOND


_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})


def _without_sourceless_inner(candidates: list[Candidate]) -> list[Candidate]:
    """ "The ministry said talks are expected to resume": a sourceless account inside another
    account's content is part of what that account reports (PolNeAR train: 8 of 164 such are
    annotated)."""
    spans = [(s, e, id(c)) for c in candidates for s, e in c.content]
    return [
        c
        for c in candidates
        if c.source is not None
        or c.cue_token is None
        or not any(s <= c.cue_start < e and owner != id(c) for s, e, owner in spans)
    ]


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for cand in sorted(candidates, key=lambda c: c.cue_start):
        key = cand.content[0]
        if key in seen:
            continue
        seen.add(key)
        out.append(cand)
    return out


def _orphans(
    text: str, quotations: list[Quotation], candidates: list[Candidate]
) -> list[Candidate]:
    """Quotations no cue governs, long enough to be statements rather than scare quotes."""
    out: list[Candidate] = []
    for q in quotations:
        if q.level != 0 or _words(text[q.inner_start : q.inner_end]) < _ORPHAN_MIN_WORDS:
            continue
        # Content of a cue inside this very quotation ("I think ...") does not cover it.
        covered = [r for c in candidates if not (q.open < c.cue_start < q.close) for r in c.content]
        if any(s < q.inner_end and q.inner_start < e for s, e in covered):
            continue
        start, end = q.inner_start, q.inner_end
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] in "?!%)"):
            end -= 1
        if start < end:
            out.append(Candidate(start, start, "", [(start, end)]))
    return out


def _split_quote_carrier(
    text: str, mask: bytearray, candidates: list[Candidate], start: int
) -> Candidate | None:
    """`"…," he said. "…"`: a quotation right after a direct quote's cue continues it."""
    best: Candidate | None = None
    best_end = -1
    for cand in candidates:
        if not cand.cue_lemma:
            continue
        end = max(cand.cue_end, *(e for _, e in cand.content))
        if cand.source_token is not None and cand.source is not None:
            # `"…," said Alan Cole, an economist at the Tax Foundation. "…"`
            last = cand.source_token.doc[cand.source[1] - 1]
            end = max(end, last.idx + len(last.text))
        if end <= start and end > best_end:
            best, best_end = cand, end
    if best is None:
        return None
    gap = text[best_end:start]
    if any(ch.isalnum() for ch in gap):
        # `"…," said X, chairman of the committee, in a statement. "…"`: words after the cue
        # are fine while they stay in the cue's sentence.
        sentence_end = best.cue_token.sent.end_char if best.cue_token is not None else -1
        if start > sentence_end + 3 or "\n" in gap:
            return None
    if text.count("\n", best_end, start) > 2:
        return None  # a continuation may open the next paragraph, not one further away
    # The carrier must itself quote (direct or mixed): an indirect report followed by a
    # quotation is often a new voice.
    if not any(_inside(mask, s, e, text)[0] for s, e in best.content):
        return None
    return best


def _context_speaker(context: SpeakerContext, offset: int) -> str | None:
    earlier = [entity for pos, entity in context.history if pos < offset]
    return earlier[-1] if earlier else None


def _quoted_parts(
    text: str, quotations: list[Quotation], content: list[tuple[int, int]]
) -> list[Span]:
    parts: list[Span] = []
    for s, e in content:
        for q in quotations:
            lo, hi = max(s, q.inner_start), min(e, q.inner_end)
            if lo >= hi:
                continue
            while lo < hi and not text[lo].isalnum():
                lo += 1
            while hi > lo and text[hi - 1] in " \t\n,;:.":
                hi -= 1
            if lo < hi and _WORD.search(text[lo:hi]):
                span = Span.of(text, lo, hi)
                if not any(p.start <= lo and hi <= p.end for p in parts):
                    parts.append(span)
    return parts


def _link_carriers(attributions: list[Attribution]) -> None:
    """`Putin told Scholz ..., the Kremlin said`: the inner account is carried by the outer
    (the smallest attribution whose content holds the inner cue). "I" and "we" inside a
    carried quotation are the carrier's speaker."""
    for inner in attributions:
        if inner.cue is None:
            continue
        best: Attribution | None = None
        best_size = 0
        for outer in attributions:
            if outer is inner:
                continue
            if any(c.start <= inner.cue.span.start < c.end for c in outer.content):
                size = sum(c.end - c.start for c in outer.content)
                if best is None or size < best_size:
                    best, best_size = outer, size
        if best is None:
            continue
        inner.via = best.id
        first_person = inner.source is not None and inner.source.text.lower() in ("i", "we")
        if inner.speaker is None and first_person:
            inner.speaker = best.speaker
