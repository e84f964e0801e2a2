"""Content found next to a cue rather than under it: a quotation right after it (`said: "..."`),
after a colon or comma, closing right before the cue clause (`"...," he said`), and the clause a
parenthetical cue comments on (`..., the Kremlin said` / `Though X, he said, Y`).

A mixin of :class:`~onrecord.attribution.finder.AttributionFinder`: it reads the finder's
``doc``, ``text``, ``quotations``, ``shaper`` and ``_content_chars``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from onrecord import lexicon
from onrecord.attribution.content import ContentShaper, only_punct
from onrecord.attribution.syntax import has_content_dep, subject_of
from onrecord.text.quotes import Quotation

_FRAME_BLOCKERS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "acomp", "oprd"})
_FRAME_WORDS = frozenset({"prt", "advmod", "dobj", "npadvmod"})
_NAME_WORDS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM"})


class AdjacentContent:
    """Content beside the cue; see the module docstring."""

    doc: Doc
    text: str
    quotations: list[Quotation]
    shaper: ContentShaper

    if TYPE_CHECKING:

        def _content_chars(self, start_tok: int, end_tok: int) -> tuple[int, int] | None: ...

    def _quote_after(self, verb: Token) -> Quotation | None:
        """A quotation that opens right after the cue (`said: “...”`, `said «...»`)."""
        end = verb.idx + len(verb.text)
        doc = self.doc
        if verb.i + 1 < len(doc) and doc[verb.i + 1].dep_ in ("dobj", "dative"):
            obj = doc[verb.i + 1]
            end = obj.idx + len(obj.text)
        for q in self.quotations:
            gap = self.text[end : q.open]
            if q.level == 0 and end <= q.open <= end + 3 and only_punct(gap):
                # `Clark said. "That is ..."` opens a new sentence: not this cue's quotation
                return None if any(ch in ".!?" for ch in gap) else q
        return None

    def _own_right_edge(self, verb: Token, deps: frozenset[str] | None = None) -> int:
        """End of the verb's own clause: stops at a comma (", citing her work ...") and at
        coordinated verbs; ``deps`` limits which complements count."""
        end = verb.i + 1
        for child in verb.rights:
            if child.dep_ in ("conj", "cc"):
                break
            if child.dep_ == "punct":
                if child.text in (",", ";", "—", "–", "-", "("):
                    break
                continue
            if deps is not None and child.dep_ not in deps:
                continue
            end = max(end, child.right_edge.i + 1)
        return end

    def _to_object(self, verb: Token) -> Token | None:
        for prep in verb.rights:
            if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
        return None

    def _colon_or_adjacent_quote(self, verb: Token) -> tuple[int, int] | None:
        """`X said: ...`, `X said, "..."` and `"...," X said` without a parsed complement."""
        doc = self.doc
        nxt = verb.i + 1
        while nxt < len(doc) and (
            doc[nxt].dep_ in ("dobj", "dative", "prt", "advmod")
            or doc[nxt].lower_ in ("reporters", "journalists")
        ):
            nxt += 1
        if nxt < len(doc) and doc[nxt].text in (":", ","):
            after = doc[nxt].idx + 1
            # a quotation starting right after the colon / comma
            for q in self.quotations:
                if after <= q.open <= after + 2 and q.level == 0:
                    return self.shaper.shape(q.inner_start, q.inner_end)
            if doc[nxt].text == ":":
                sent_end = doc[nxt].sent.end_char
                return self.shaper.shape(after, sent_end)
        # a quotation closing right before the cue's clause: `"...," he said.`
        subject = subject_of(verb)
        left = min(verb.i, subject.left_edge.i if subject is not None else verb.i)
        left_char = doc[left].idx
        for q in self.quotations:
            if q.level == 0 and 0 <= left_char - q.close <= 3:
                return self.shaper.shape(q.inner_start, q.inner_end)
        return None

    def _framed_quote(self, verb: Token) -> tuple[int, int] | None:
        """A quotation framed by a verb no lexicon lists: `X shot back: "..."`, `X continued,
        "..."` and `"...," X beamed.` The frame is the cue when the verb's clause holds only
        its subject (and adverbs, particles, "it"): whatever the verb, it introduces the words.
        """
        if verb.pos_ != "VERB" or (verb.tag_ in ("VBG", "VBN") and verb.dep_ != "ROOT"):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(
            c.dep_ in _FRAME_BLOCKERS
            and not (c.dep_ == "dobj" and c.lower_ == "it")
            and not (c.dep_ == "ccomp" and c.i < subject.i)  # the quotation before the frame
            for c in verb.children
        ):
            return None
        doc = self.doc
        nxt = verb.i + 1 + len(self.frame_words(verb))
        if nxt < len(doc) and doc[nxt].text in (":", ","):
            after = doc[nxt].idx + 1
            for q in self.quotations:
                if q.level == 0 and after <= q.open <= after + 2:
                    return self.shaper.shape(q.inner_start, q.inner_end)
            return None
        # `"...," X beamed.`: the clause is only the frame, to the sentence's end
        left = min(subject.left_edge.i, verb.i)
        right = max([verb.i, *(t.i for c in verb.rights for t in c.subtree)])
        sent = verb.sent
        if right + 1 < sent.end and not all(t.is_punct for t in doc[right + 1 : sent.end]):
            return None
        left_char = doc[left].idx
        for q in self.quotations:
            if q.level == 0 and 0 <= left_char - q.close <= 3:
                inner = self.text[q.inner_start : q.inner_end].rstrip()
                if (
                    inner[-1:] in (",", "?", "!")
                    or self.text[q.close + 1 : left_char].strip() == ","
                ):
                    return self.shaper.shape(q.inner_start, q.inner_end)
        return None

    def name_before(self, verb: Token) -> Token | None:
        """A person or organisation named right before a cue the parser gave no subject
        ("Jake Sullivan, said:", "Paul Ryan (R-WI) said"): the head of that name."""
        doc = self.doc
        i = verb.i - 1
        while i >= 0 and doc[i].is_punct and doc[i].text not in (")", "]"):
            i -= 1
        if i >= 0 and doc[i].text in (")", "]"):
            opening = "(" if doc[i].text == ")" else "["
            while i >= 0 and doc[i].text != opening and i > verb.i - 8:
                i -= 1
            i -= 1
        if i < verb.sent.start or doc[i].ent_type_ not in ("PERSON", "ORG"):
            return None
        if self.shaper.enclosing(doc[i].idx, doc[i].idx + 1) is not None:
            return None
        span = next((e for e in doc.ents if e.start <= i < e.end), None)
        return span.root if span is not None else None

    def name_after(
        self, verb: Token, content: tuple[int, int]
    ) -> tuple[Token, tuple[int, int]] | None:
        """The noun phrase right after a cue the parser gave no subject, when the content
        came before it (`"...," said retired surgeon Ann Bell, asked about ...`, where the
        parser made the name the subject of the next verb): its head and its token range."""
        doc = self.doc
        if content[1] > verb.idx:
            return None
        end = verb.i + 1
        while (
            end < verb.sent.end
            and end - verb.i <= 8
            and (doc[end].pos_ in _NAME_WORDS or (doc[end].text == "." and end > verb.i + 1))
        ):
            end += 1
        words = doc[verb.i + 1 : end]
        if not words or words[-1].pos_ not in ("PROPN", "NOUN"):
            return None
        if end < verb.sent.end and doc[end].text not in (",", ".", ";", "(", "—", "–"):
            return None  # the phrase runs on: not a plain name
        head = doc[end - 1]
        if head.left_edge.i > verb.i and head.right_edge.i < verb.sent.end - 1:
            # its appositions and relative clauses are part of the source phrase
            end = max(end, head.right_edge.i + 1)
            while doc[end - 1].is_punct:
                end -= 1
        return head, (verb.i + 1, end)

    def frame_words(self, verb: Token) -> list[Token]:
        """The words after a framing verb that belong to its cue: "shot back", "put it"."""
        words = []
        i = verb.i + 1
        while (
            i < len(self.doc) and self.doc[i].head.i == verb.i and self.doc[i].dep_ in _FRAME_WORDS
        ):
            words.append(self.doc[i])
            i += 1
        return words

    def _right_of_parenthetical(self, verb: Token) -> tuple[int, int] | None:
        """`Though X, he said, Y.`: the reported words continue after the cue clause."""
        doc = self.doc
        end = verb.i
        for child in verb.rights:
            if child.dep_ in ("punct", "ccomp", "conj", "cc", "advcl", "xcomp"):
                break
            end = max(end, child.right_edge.i)
        comma = end + 1
        sent_end = verb.sent.end
        if comma >= sent_end or doc[comma].text != ",":
            return None
        start = comma + 1
        stop = sent_end
        while stop > start and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
            stop -= 1
        if stop - start < 3:
            return None
        first = doc[start]
        if first.tag_ in ("VBG", "VBN") or first.lower_ in ("according", "who", "which"):
            return None  # `…, he said, adding that …` is a cue of its own
        if any(
            t.lemma_.lower() in lexicon.CLAUSAL_CUES and t.pos_ == "VERB"
            for t in doc[start:stop]
            if t.dep_ in ("ROOT", "parataxis", "conj")
        ):
            return None
        return self._content_chars(start, stop)

    def _parenthetical(self, verb: Token) -> tuple[int, int] | None:
        """`..., the Kremlin said.` (or `X, he said, Y`) parsed with the cue under the
        content's verb."""
        head = verb.head
        if head.i == verb.i or verb.dep_ not in ("parataxis", "advcl", "ccomp", "conj"):
            return None
        if has_content_dep(verb):
            return None
        if head.i > verb.i and (
            verb.dep_ != "parataxis" or self._right_of_parenthetical(verb) is None
        ):
            # `The goal, he said, is to ...`: mid-sentence, the cue clause is a parataxis
            # under the content's verb, and the words go on after its closing comma.
            return None
        subject = subject_of(verb)
        left = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
        prev = self.doc[left - 1] if left > 0 else None
        if prev is None or prev.text not in (",", "”", '"', "»"):
            return None
        own = {t.i for t in verb.subtree}
        ids = [t.i for t in head.subtree if t.i not in own and t.i < left]
        if not ids:
            return None
        return self._content_chars(min(ids), max(ids) + 1)
