"""Attribution extraction: cues, content, sources and addressees from one spaCy parse.

A cue is a reporting expression (a verb from the lexicon, "according to", a colon after a
speaker label). Its content is the clause it governs: a clausal complement ("said that ..."),
an infinitive ("urged Putin to ..."), a prepositional object ("spoke of ..."), the clause it
comments on ("..., the Kremlin said"), or the quotation it introduces. Content spans follow one
rule (docs/architecture.md): no edge punctuation or "that", and a quote mark opened inside the
content closes inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord import data, lexicon
from onrecord.attribution.clauses import AdjacentContent
from onrecord.attribution.content import ContentShaper
from onrecord.attribution.syntax import (
    cue_left,
    cue_tokens,
    noun_phrase,
    relative_pronoun,
    reporter_of_participle,
    source_phrase,
    source_phrase_before,
    subject_of,
    subtree_range,
)
from onrecord.text.quotes import Quotation

__all__ = ["AttributionFinder", "Candidate", "ContentShaper", "noun_phrase", "source_phrase"]


@dataclass
class Candidate:
    """An attribution before speaker resolution, in token and character terms."""

    cue_start: int  # character offsets
    cue_end: int
    cue_lemma: str
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None  # token range
    source_token: Token | None = None
    addressee: Token | None = None
    cue_token: Token | None = None
    extra: dict[str, object] = field(default_factory=dict)


_MATRIX_VERBS = data.words("lexicon/matrix_verbs")
_RAISING_VERBS = data.words("lexicon/raising_verbs")
_SUBJECT_LIKE = frozenset({"nsubj", "nsubjpass"})
_PASSIVE_SPEAKERS = data.words("lexicon/passive_speaker_cues")
_OBJECT_COMPLEMENTS = frozenset({"dobj", "oprd", "xcomp", "ccomp", "acomp", "attr"})
_OPEN_PREPOSITIONS = data.words("lexicon/open_prepositions")
_PREDICATING_PREPOSITIONS = frozenset({"as", "for", "of"})
_LEXICON_VERBS = (
    lexicon.CLAUSAL_CUES
    | lexicon.XCOMP_CUES
    | lexicon.INTENTION_CUES
    | lexicon.OBJECT_CUES
    | frozenset(lexicon.PREPOSITION_CUES)
)


class AttributionFinder(AdjacentContent):
    """Finds attribution candidates in a parsed document."""

    def __init__(self, doc: Doc, quotations: list[Quotation], text: str | None = None) -> None:
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.shaper = ContentShaper(self.text, quotations)
        self.quotations = quotations

    def _chars(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        span = self.doc[start_tok:end_tok]
        return span.start_char, span.end_char

    def _content_after(self, head: Token, verb: Token, skip_mark: bool = True) -> tuple[int, int]:
        """Content governed by ``verb`` through ``head``, on the side of ``head``."""
        start, end = subtree_range(head)
        if head.i > verb.i:
            start = max(start, verb.i + 1)
            # Coordinated clauses the parser hung on the cue belong to the content too.
            end = max(end, self._verb_right_edge(verb, head))
        else:
            end = min(end, cue_left(verb))
        while (
            skip_mark
            and start < end
            and self.doc[start].dep_ == "mark"
            and (self.doc[start].lower_ in ("that", "if", "whether"))
        ):
            start += 1
        return start, end

    def _verb_right_edge(self, verb: Token, head: Token) -> int:
        """Where the content ends: the complement, with what the parser coordinated to the cue
        after it ("said X and Y"), but not a coordinated verb: "said X and left the room",
        "said X, and the council approved it" are further clauses of the narrative (PolNeAR
        train: 642 such conjuncts lie outside the annotated content, 175 inside)."""
        end = head.right_edge.i + 1
        for child in verb.rights:
            if child.i > head.i and child.dep_ == "conj" and child.head == verb:
                if child.pos_ in ("VERB", "AUX") or child.lemma_ in lexicon.CLAUSAL_CUES:
                    break
                end = max(end, child.right_edge.i + 1)
        return self._past_open_quotation(head.left_edge.i, end)

    def _past_open_quotation(self, start: int, end: int) -> int:
        """``end``, moved past the closing mark of a quotation opened inside [start, end):
        content never stops inside a quotation it opened, however the parser split the
        quoted words (markup or code in a quotation is misparsed as further clauses)."""
        last = self.doc[end - 1]
        first_char, last_char = self.doc[start].idx, last.idx + len(last.text)
        close = max(
            (
                q.close
                for q in self.shaper.quotations
                if first_char <= q.open < last.idx and q.close >= last_char
            ),
            default=None,
        )
        if close is None:
            return end
        sent_end = last.sent.end
        while end < sent_end and self.doc[end].idx <= close:
            end += 1
        return end

    def _content_chars(self, start_tok: int, end_tok: int) -> tuple[int, int] | None:
        if start_tok >= end_tok:
            return None
        s, e = self._chars(start_tok, end_tok)
        # A semicolon outside quote marks ends the reported clause ("…; they only learned …").
        cut = self.text.find("; ", s, e)
        if cut > s and self.shaper.enclosing(cut, cut + 1) is None:
            e = cut
        return self.shaper.shape(s, e)

    def find(self, open_vocabulary: bool = False) -> list[Candidate]:
        """Lexicon candidates; with ``open_vocabulary`` also every verb with a complement."""
        found: list[Candidate] = []
        for tok in self.doc:
            cand = None
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc):
                cand = self._according(tok)
                if cand is not None:
                    cand.extra.update(rule="according", open=False)
            elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                cand = self._raising(tok) if tok.lemma_.lower() in _RAISING_VERBS else None
                if cand is None:
                    cand = self._verb(tok)
                if cand is None and open_vocabulary:
                    cand = self._verb(tok, open_vocabulary=True)
                if cand is None and open_vocabulary:
                    cand = self._passive_agent(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.NOUN_CUES:
                cand = self._noun(tok)
            if cand is not None:
                found.append(cand)
        return found

    def governing_cue(self, orphan: Candidate) -> Candidate | None:
        """A quotation no cue claimed, inside the clause of a verb outside it ("Harman called
        it "the least bad option"", "what the historian calls "a foundation""): that verb is
        its cue and the verb's subject its source, whatever the verb."""
        start, end = orphan.content[0]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or self.shaper.enclosing(start, end) is None:
            return None
        verb = span.root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end:
            return None
        if verb.lemma_.lower() not in _LEXICON_VERBS:
            return None  # "the leaders held a "frank exchange"": an action, not a report
        if verb.sent.start != span.sent.start or self.shaper.enclosing(verb.idx, verb.idx + 1):
            return None
        subject = subject_of(verb)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        if self.shaper.enclosing(subject.idx, subject.idx + 1) is not None:
            return None
        cue_words = cue_tokens(verb)
        s, e = self._chars(min(t.i for t in cue_words), max(t.i for t in cue_words) + 1)
        source = source_phrase(subject)
        if source[0] <= verb.i < source[1]:
            return None
        cand = Candidate(s, e, verb.lemma_.lower(), orphan.content, source, subject, None, verb)
        cand.extra.update(rule="governing", open=False)
        return cand

    def _raising(self, verb: Token) -> Candidate | None:
        """ "The team appeared paralyzed", "X seems to be alive": the reporter's inference about
        X. PolNeAR takes it as an attribution without a source whose content is the subject
        with the complement; "appeared to suggest" stays the cue of its reporting verb."""
        complement = next(
            (c for c in verb.rights if c.dep_ in ("xcomp", "acomp", "oprd", "attr")), None
        )
        subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        if complement is None or subject is None or subject.pos_ in ("PRON", "DET"):
            return None
        if self.shaper.enclosing(verb.idx, verb.idx + 1) is not None or any(
            t.lemma_.lower() in lexicon.CLAUSAL_CUES for t in verb.ancestors
        ):
            return None  # inside a quotation or a reported clause: the speaker's own words
        lemma = complement.lemma_.lower()
        if complement.dep_ == "xcomp" and (
            lemma in lexicon.CLAUSAL_CUES | lexicon.XCOMP_CUES | lexicon.INTENTION_CUES
        ):
            return None
        parts = [
            self._content_chars(subject.left_edge.i, subject.right_edge.i + 1),
            self._content_chars(complement.left_edge.i, complement.right_edge.i + 1),
        ]
        contents = [c for c in parts if c is not None]
        if len(contents) < 2:
            return None
        cue_words = cue_tokens(verb)
        s, e = self._chars(min(t.i for t in cue_words), max(t.i for t in cue_words) + 1)
        cand = Candidate(s, e, verb.lemma_.lower(), contents, None, None, None, verb)
        cand.extra.update(rule="raising", open=False)
        return cand

    def _noun(self, noun: Token) -> Candidate | None:
        """ "Trump's claim that …", "the charge that …": a speech noun with a that-clause."""
        clause = next(
            (
                c
                for c in noun.rights
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.lefts)
            ),
            None,
        )
        if clause is None:
            return None
        content = self._content_chars(*self._content_after(clause, noun))
        if content is None:
            return None
        owner = next((c for c in noun.lefts if c.dep_ in ("poss", "compound")), None)
        if owner is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            owner = subject_of(noun.head)  # "Trump repeated his claim that …"
        if owner is None:
            return None  # a claim nobody is named as making is not an account
        s, e = self._chars(noun.i, noun.i + 1)
        cand = Candidate(
            s, e, noun.lemma_.lower(), [content], noun_phrase(owner), owner, None, noun
        )
        cand.extra.update(rule="noun", open=False)
        return cand

    def _passive_agent(self, verb: Token) -> Candidate | None:
        """ "has been endorsed by the union": the agent is the source, the subject the content."""
        if not any(c.dep_ == "auxpass" for c in verb.lefts):
            return None
        agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
        if pobj is None or subject is None or subject.pos_ == "PRON":
            return None
        content = self._content_chars(subject.left_edge.i, subject.right_edge.i + 1)
        if content is None:
            return None
        cue_words = cue_tokens(verb)
        # "was first reported by": the agent's preposition belongs to the cue when adjacent.
        last = agent.i if agent is not None and agent.i == verb.i + 1 else verb.i
        s, e = self._chars(min(t.i for t in cue_words), last + 1)
        cand = Candidate(
            s, e, verb.lemma_.lower(), [content], source_phrase(pobj), pobj, None, verb
        )
        cand.extra.update(rule="passive", open=True)
        return cand

    def _according(self, tok: Token) -> Candidate | None:
        to = self.doc[tok.i + 1]
        if to.lower_ != "to":
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        clause = tok.head if tok.head.i != tok.i else None
        if clause is None:
            return None
        while clause.pos_ in ("NOUN", "PROPN", "PRON") and clause.dep_ in _SUBJECT_LIKE:
            clause = clause.head  # "The plant, according to X, dumped ...": hung on the subject
        sent = tok.sent
        own = {t.i for t in tok.subtree}
        ids = [t.i for t in clause.subtree if t.i not in own and sent.start <= t.i < sent.end]
        if not ids:
            return None
        contents = []
        if tok.i < clause.i:
            if min(ids) < tok.left_edge.i:
                # "The factory, according to court papers, released ...": both sides of it
                contents.append(self._content_chars(min(ids), tok.left_edge.i))
            contents.append(self._content_chars(max(tok.right_edge.i + 1, min(ids)), max(ids) + 1))
        else:
            contents.append(self._content_chars(min(ids), tok.i))
        found = [c for c in contents if c is not None]
        if not found:
            return None
        s, e = self._chars(tok.i, tok.i + 2)
        return Candidate(s, e, "according to", found, source_phrase(pobj), pobj, None, tok)

    def _verb(self, verb: Token, open_vocabulary: bool = False) -> Candidate | None:
        """A candidate for ``verb``: from the lexicon, or (open_vocabulary) from structure alone,
        for the learned cue model to accept or reject."""
        lemma = verb.lemma_.lower()
        content: tuple[int, int] | None = None
        addressee: Token | None = None
        cue_lemma = lemma
        rule = ""
        with_preposition: Token | None = None
        if lemma in lexicon.CLAUSAL_CUES or open_vocabulary:
            ccomp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if ccomp is not None:
                content = self._content_chars(*self._content_after(ccomp, verb))
                rule = "ccomp"
        if content is None and (
            lemma in lexicon.XCOMP_CUES | lexicon.INTENTION_CUES or open_vocabulary
        ):
            xcomp = next(
                (
                    c
                    for c in verb.rights
                    if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)
                ),
                None,
            )
            if xcomp is not None:
                content = self._content_chars(*self._content_after(xcomp, verb, False))
                rule = "xcomp"
        if content is None and (lemma in lexicon.PREPOSITION_CUES or open_vocabulary):
            allowed = lexicon.PREPOSITION_CUES.get(lemma, _OPEN_PREPOSITIONS)
            for prep in self._verb_prepositions(verb):
                if prep.dep_ == "prep" and prep.lower_ in allowed:
                    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                    if obj is None or any(c.dep_ == "oprd" and c.i < prep.i for c in verb.rights):
                        continue  # "called it a shameful day for the state": not "call for"
                    end = max(obj.right_edge.i + 1, self._own_right_edge(verb))
                    content = self._content_chars(prep.i + 1, end)
                    particle_end = max([verb.i, *(c.i for c in verb.rights if c.dep_ == "prt")])
                    if prep.i == particle_end + 1:  # "spoke of", "is doubling down on"
                        with_preposition = prep
                    cue_lemma = f"{lemma} {prep.lower_}"
                    rule = "prep"
                    break
        if content is None and (lemma in lexicon.OBJECT_CUES or open_vocabulary):
            content = self._object_content(verb)
            rule = "dobj" if content else rule
        following = self._quote_after(verb) if lemma in lexicon.CLAUSAL_CUES else None
        if following is not None and (content is None or content[0] >= following.open - 1):
            content = self.shaper.shape(following.inner_start, following.inner_end)
            rule = "quote-after"
        if content is None and lemma in lexicon.CLAUSAL_CUES:
            content = self._colon_or_adjacent_quote(verb)
            rule = "colon-or-quote" if content else rule
        if content is None and lemma in lexicon.CLAUSAL_CUES:
            content = self._parenthetical(verb)
            rule = "parenthetical" if content else rule
        if content is None and lemma not in lexicon.CLAUSAL_CUES:
            content = self._framed_quote(verb)  # `Sanders shot back: "..."`, `"...," she beamed.`
            rule = "framed-quote" if content else rule
        if content is None:
            return None
        cue_words = cue_tokens(verb)
        if with_preposition is not None:
            cue_words.append(with_preposition)
        if rule == "framed-quote":
            cue_words += self.frame_words(verb)
        if (
            verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in _MATRIX_VERBS
            and 0 < verb.i - verb.head.i <= 3
        ):
            # "appeared to suggest", "avoids condemning": the matrix verb is part of the cue.
            cue_words = [*cue_tokens(verb.head), *cue_words]
        contents = [content]
        if content[1] <= verb.idx and rule in ("ccomp", "parenthetical"):
            right = self._right_of_parenthetical(verb)
            if right is not None:
                contents.append(right)
        cue_char = verb.idx
        holder = self.shaper.enclosing(*content)
        if holder is not None and not (holder.open < cue_char < holder.close):
            contents = self.shaper.group_segments(*content) or contents
        if lemma in lexicon.ADDRESSEE_OBJECT_CUES or lemma in ("say", "explain", "write"):
            addressee = next(
                (c for c in verb.children if c.dep_ in ("dobj", "dative")), None
            ) or self._to_object(verb)
            if addressee is not None and addressee.pos_ not in ("PROPN", "NOUN", "PRON"):
                addressee = None
        subject = reporter_of_participle(verb, lexicon.CLAUSAL_CUES) or subject_of(verb)
        if subject is None and lemma in lexicon.CLAUSAL_CUES:
            subject = self.name_before(verb)  # "Paul Ryan (R-WI) said", misparsed
        pronoun = relative_pronoun(verb)
        passive = pronoun if pronoun is not None and subject is not None else subject
        if (
            passive is not None
            and passive.dep_ == "nsubjpass"
            and passive.head.lemma_.lower() not in _PASSIVE_SPEAKERS
        ):
            # "He is accused of ...", "Flynn, who is expected to ...": the passive subject
            # is spoken about; the agent speaks ("was quoted as saying" keeps its subject:
            # see the word list).
            if addressee is None:
                addressee = subject if subject.pos_ in ("PROPN", "NOUN", "PRON") else None
            subject, pronoun = self._agent(passive.head), None
        elif subject is not None and _passive_participle(verb, subject):
            # "Asked about the vote, Rubio said ...": Rubio was asked; who asked is unsaid
            # (or in the "by" phrase), as with a passive verb's subject above.
            if addressee is None:
                addressee = subject if subject.pos_ in ("PROPN", "NOUN", "PRON") else None
            subject = self._agent(verb)
        if subject is not None and any(t.lemma_.lower() in _RAISING_VERBS for t in cue_words):
            subject = None  # "the campaign appeared to acknowledge": the reporter's inference
        source = source_phrase(subject) if subject is not None else None
        if subject is None and lemma in lexicon.CLAUSAL_CUES and verb.dep_ != "relcl":
            named = self.name_after(verb, content)  # `"...," said Ann Bell, asked ...`
            if named is not None:
                subject, source = named
        if pronoun is not None and subject is not None:
            # "Flynn, who said ...": the source words are "who", the speaker its antecedent.
            source = (pronoun.i, pronoun.i + 1)
        first = min(t.i for t in cue_words)
        last = max(t.i for t in cue_words)
        s, e = self._chars(first, last + 1)
        if subject is not None and source is not None and source[0] <= first < source[1]:
            # "a statement calling ...": the source is the noun the participle modifies,
            # cut before the cue; a source holding its own cue otherwise is none
            cut = source[0] < first and subject.i < first == verb.i and verb.dep_ == "acl"
            source = source_phrase_before(subject, first) if cut else None
        if subject is not None and subject.lower_ in ("that", "which", "what"):
            subject, source = None, None
        cand = Candidate(s, e, cue_lemma, contents, source, subject, addressee, verb)
        cand.extra["rule"] = rule
        cand.extra["open"] = open_vocabulary
        return cand

    @staticmethod
    def _verb_prepositions(verb: Token) -> list[Token]:
        """The verb's prepositions, and those the parser hung on the person addressed
        ("talked to voters about health care": "about" is the verb's, not the voters')."""
        out = []
        for prep in verb.rights:
            out.append(prep)
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                        out.extend(c for c in obj.rights if c.dep_ == "prep")
        return out

    def _quoted(self, tok: Token) -> bool:
        """Whether ``tok`` lies inside a quotation."""
        return self.shaper.enclosing(tok.idx, tok.idx + 1) is not None

    def _agent(self, verb: Token) -> Token | None:
        """The object of a passive verb's "by" phrase, if any."""
        agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
        if agent is None:
            return None
        return next((c for c in agent.children if c.dep_ == "pobj"), None)

    def _object_content(self, verb: Token) -> tuple[int, int] | None:
        """The direct object and what follows it in the verb's own clause."""
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        if obj.pos_ == "PRON" and not any(
            c.dep_ in ("oprd", "acomp") and c.i > obj.i and not self._quoted(c) for c in verb.rights
        ):
            # "said it"; but "called it shameful" says something of "it" (a quoted complement,
            # `called it "a disgrace"`, is the quotation's account: governing_cue)
            return None
        # "called Clinton a champion": predicative complements belong to what was said;
        # "rejected the argument in a ruling": the verb's other modifiers do not.
        end = max(obj.right_edge.i + 1, self._own_right_edge(verb, _OBJECT_COMPLEMENTS))
        # "described the plan as reckless", "praised Reyes for her courage", "accused X of Y":
        # what is said of the object belongs to it (PolNeAR train: 499 of 553 annotated so).
        for prep in verb.rights:
            if (
                prep.dep_ == "prep"
                and prep.lower_ in _PREDICATING_PREPOSITIONS
                and prep.i == end
                and not self._quoted(prep.right_edge)
            ):
                end = prep.right_edge.i + 1
        return self._content_chars(obj.left_edge.i, end)


def _passive_participle(verb: Token, subject: Token) -> bool:
    """Whether ``verb`` is a bare past participle of a verb whose object is the addressee
    ("Asked about ...", "Pressed on ...", "Told of ...") whose subject was inherited from the
    clause it modifies: that subject is the one asked or told, not the speaker."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in lexicon.ADDRESSEE_OBJECT_CUES
        and subject.head.i != verb.i
        and verb.dep_ in ("advcl", "acl", "conj", "ccomp")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )
