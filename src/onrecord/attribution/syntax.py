"""Parse helpers shared by the attribution rules: the cue's words, its subject (inherited along
participles and conjunctions), and the source and speaker phrases of a subject."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord import data

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_INHERIT_DEPS = ("advcl", "conj", "xcomp", "pcomp", "acl", "acomp")


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def cue_tokens(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and adverbs right before it ("has also said")
    and its particle ("pointed out")."""
    tokens = [verb]
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= verb.i - 3:
            tokens.append(child)
    i = verb.i - 1
    while (
        i >= 0
        and verb.doc[i].dep_ == "advmod"
        and verb.doc[i].head.i == verb.i
        and (verb.doc[i].pos_ == "ADV" and verb.doc[i].lower_ not in _NOT_CUE_ADVERBS)
    ):
        tokens.append(verb.doc[i])
        i -= 1
    for child in verb.rights:
        if child.dep_ == "prt":
            tokens.append(child)
    return sorted(set(tokens), key=lambda t: t.i)


_NOT_CUE_ADVERBS = data.words("lexicon/not_cue_adverbs")


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject, inherited along participles and conjunctions."""
    subject = _subject_of(verb)
    return _past_dateline(subject) if subject is not None else None


def _past_dateline(subject: Token) -> Token:
    """The name after a dateline the parser made the subject ("Oslo (AFP) – Prime Minister
    Ingrid Dahl said", parsed with "Oslo" as subject and Dahl in apposition): Dahl."""
    dash = _dateline_dash(subject.doc, subject.left_edge.i, subject.right_edge.i)
    if dash is None or dash < subject.i:
        return subject
    return next((c for c in subject.rights if c.dep_ == "appos" and c.i > dash), subject)


def _subject_of(verb: Token) -> Token | None:
    seen = 0
    tok = verb
    while seen < 6:
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if len(subjects) > 1 and all(c.i < tok.i for c in subjects):
            # "Wikileaks editor-in-chief Kristinn Hrafnsson said", misparsed as two subjects:
            # the one next to the verb is the head of the name, the others modify it.
            subjects = subjects[-1:]
        for child in subjects:
            if child.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return child
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            if _speaks_through(tok.head, tok):
                return tok.head  # "a statement saying ...", "calls from X urging ..."
            # "..., a database, saying": the participle belongs to the clause, whose
            # subject speaks
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                return tok.head
            tok = verb
            seen += 1
            continue
        if (tok.dep_ in _INHERIT_DEPS or (tok.dep_ == "prep" and tok.pos_ == "ADP")) and (
            tok.head.i != tok.i
        ):
            tok = tok.head  # "..., saying", "after saying" (pcomp of a preposition)
            seen += 1
            continue
        if tok.dep_ == "relcl":
            return None
        break
    return None


def _speaks_through(noun: Token, participle: Token) -> bool:
    """Whether a participle hung on ``noun`` has it as its subject: right after it ("a
    statement saying", "ads attacking X"), not after a comma ("..., a database, saying"),
    where the parser hung a participle of the clause on the nearest noun."""
    before = participle.doc[participle.i - 1] if participle.i > 0 else None
    return before is None or before.text not in (",", "—", "–", "-", ";")


def relative_pronoun(verb: Token) -> Token | None:
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                    return child
                return None
        if tok.dep_ in _INHERIT_DEPS and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def source_phrase(tok: Token) -> tuple[int, int]:
    """The whole source phrase: the subject with its appositions and relative clauses
    (PolNeAR's convention: "Douglas Holtz-Eakin, an economist who ..."), no edge punctuation."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    doc = tok.doc
    for sibling in reversed([c for c in tok.head.lefts if c.i < tok.i]):
        # earlier subjects of the same verb run into this one: one misparsed phrase
        if sibling.dep_ not in _SUBJECT_DEPS or sibling.right_edge.i + 1 != start:
            break
        start = sibling.left_edge.i
    start = _after_dateline(tok, start)
    end = _before_time_adjunct(tok, end)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _FOCUS_ADVERBS
    ):
        start += 1  # "Even Senator Ames said": the focus adverb names nobody
    return start, end


_FOCUS_ADVERBS = data.words("lexicon/source_focus_adverbs")
_DASHES = frozenset({"—", "–", "-", "--"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_TIME_PREPOSITIONS = frozenset({"on", "in", "during", "over"})


def _is_time(tok: Token) -> bool:
    """A date or time the whole phrase of ``tok`` is ("Monday", "recent weeks"), not an age
    ("18 to 35 years old") or a date with more after it ("April 25 about ...")."""
    words = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    return all(w.ent_type_ in _TIME_ENTITIES for w in words) and not any(
        w.lower_ in ("old", "ages", "age") for w in words
    )


def _after_dateline(tok: Token, start: int) -> int:
    """Skip a dateline the parser ran into the subject ("Washington (AFP) – US President
    Barack Obama said", "PHILADELPHIA, July 25 (UPI) — The committee said"): an agency in
    brackets and a dash opening the sentence are where the story is filed, not who speaks."""
    dash = _dateline_dash(tok.doc, start, tok.i)
    return dash + 1 if dash is not None else start


def _dateline_dash(doc: Doc, start: int, stop: int) -> int | None:
    """The dash closing a dateline that opens a sentence at ``start`` (`Place (Agency) –`),
    if one comes before ``stop``, within a dateline's length."""
    if not doc[start].is_sent_start:
        return None
    for i in range(start + 1, min(stop, start + 12)):
        if doc[i].text in _DASHES and doc[i - 1].text == ")":
            return i
    return None


def _after_focus_particle(tok: Token, start: int) -> int:
    """Skip "even" ("not even") before the subject: it marks the speaker as surprising, it is
    not part of the name (`Even the organizer of the rally said`)."""
    doc = tok.doc
    i = start
    if doc[i].lower_ == "not" and i + 1 < tok.i and doc[i + 1].lower_ in _FOCUS_ADVERBS:
        i += 1
    if i < tok.i and doc[i].lower_ in _FOCUS_ADVERBS:
        return i + 1
    return start


def _before_time_adjunct(tok: Token, end: int) -> int:
    """Cut a time phrase that closes the subject ("The campaign on Monday said", "Trump last
    week said"): it dates the statement, the parser hung it on the noun. A time inside a
    participle or clause stays ("a poll released Thursday", "who wrote on Thursday"), and so
    does one after a comma (an apposition: "McCain, the nominee in 2008")."""
    doc = tok.doc
    for t in doc[tok.i + 1 : end]:
        if t.right_edge.i + 1 < end or t.dep_ not in ("prep", "npadvmod"):
            continue
        if t.dep_ == "prep":
            timed = t.lower_ in _TIME_PREPOSITIONS and any(
                c.dep_ == "pobj" and _is_time(c) for c in t.children
            )
        else:
            timed = _is_time(t)
        if not timed:
            continue
        head = t.head
        while head.i != tok.i and head.pos_ in ("NOUN", "PROPN", "ADP") and head.head.i != head.i:
            head = head.head
        between = doc[tok.i : t.i]
        if head.i != tok.i or any(w.text in (",", "(", ")") or w.text in _DASHES for w in between):
            continue
        return t.left_edge.i
    return end


def source_phrase_before(tok: Token, stop: int) -> tuple[int, int] | None:
    """The source phrase of ``tok`` cut before token ``stop`` (and its punctuation)."""
    start, end = tok.left_edge.i, stop
    doc = tok.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """The core noun phrase headed by ``tok``, cut before commas and clauses: what names the
    speaker, and so what speaker resolution reads."""
    # Left part: the left subtree back to the nearest punctuation that is not part of a name.
    left = tok.left_edge.i
    for i in range(tok.i - 1, left - 1, -1):
        t = tok.doc[i]
        if t.is_punct and t.text not in ("-", "'", "’", ".", "&"):
            left = i + 1
            break
    start = _after_focus_particle(tok, left)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nummod", "case") or (
            child.dep_ == "prep"
            and child.lower_ in ("of", "in", "at", "for", "with", "from")
            and tok.lower_ in _ROLE_NOUNS
        ):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return start, end


_ROLE_NOUNS = data.words("lexicon/role_nouns")


def has_content_dep(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def cue_left(verb: Token) -> int:
    """First token of the cue clause (subject included) for content left of the cue."""
    subject = subject_of(verb)
    left = verb.i
    for t in cue_tokens(verb):
        left = min(left, t.i)
    if subject is not None and subject.i < verb.i:
        left = min(left, subject.left_edge.i)
    return left


_QUOTE_MARKS = frozenset({'"', "”", "“", "'", "’", "''"})


def reporter_of_participle(verb: Token, reporting: frozenset[str]) -> Token | None:
    """ "Khalif said the rhetoric has been patronizing, noting ...": a participle after a
    comma at the end of a reported clause continues the report, so its subject is the
    reporter's, not the reported clause's, where the parser hung it."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].text in _QUOTE_MARKS:
        i -= 1  # `..., "It's time," promising`
    if verb.tag_ != "VBG" or i < 0 or doc[i].text != ",":
        return None
    clause = verb
    for _ in range(3):
        if clause.dep_ not in ("advcl", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
        if any(c.dep_ in _SUBJECT_DEPS for c in clause.children):
            break
    else:
        return None
    cue = clause.head
    if clause.dep_ != "ccomp" or cue.i >= clause.i or cue.lemma_.lower() not in reporting:
        return None
    return subject_of(cue)
