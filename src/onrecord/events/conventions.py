"""PLOVER conventions: refusals as REJECT, announced or conditional actions as AGREE or
THREATEN, who hosts a meeting, modes by phone and by instrument, the negated / future /
hypothetical flags, and the events that come from whole clauses or statements rather than one
trigger: "X must do Y" as a REQUEST, hostile evaluations as an ACCUSE, who placed a call.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord import lexicon
from onrecord.events import lexicon as lex
from onrecord.events.shared import CoderState, _Draft, _Initiation, _lemma, _unique


class Conventions(CoderState):
    """PLOVER coding conventions, modes and flags."""

    # ----------------------------------------------------------------------------------------
    # Conventions and modes

    def _plover_conventions(self, draft: _Draft, anchor: Token) -> None:
        """PLOVER codes refusals as REJECT and announced actions as the commitment: AGREE
        for cooperation, THREATEN for conflict (or for anything made conditional on the other
        side: "will withdraw unless ...")."""
        lemma = _lemma(draft.trigger)
        if draft.negated and (
            (draft.type == "AGREE" and lemma in ("agree", "accept"))
            or (draft.type == "CONCEDE" and lemma in ("allow", "permit", "accept"))
        ):
            # "will not accept refugees", "failed to reach agreement": a refusal.
            draft.type, draft.mode, draft.negated = "REJECT", None, False
            return
        conditional = any(
            c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
            for c in anchor.children
        )
        if draft.type in lex.CONFLICT_TYPES and conditional and not draft.negated:
            draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)
            return
        if not draft.future or draft.hypothetical:
            return
        if draft.type in lex.COOPERATIVE_TYPES:
            if draft.negated:
                draft.type, draft.mode, draft.negated = "REJECT", None, False
            elif conditional:
                draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)
            else:
                draft.type, draft.mode = "AGREE", None
        elif draft.type in lex.CONFLICT_TYPES and not draft.negated:
            draft.type, draft.mode = "THREATEN", lex.threaten_mode(draft.type, draft.mode)

    def _instrument_mode(self, tok: Token, anchor: Token) -> str | None:
        """ "killed by an improvised explosive device", "in a bomb attack": the ASSAULT mode."""
        candidates: list[Token] = [tok]
        candidates += [c for c in tok.children if c.dep_ in ("compound", "amod")]
        for child in anchor.children:
            if child.dep_ in ("nsubj", "agent", "prep"):
                for sub in [child, *child.children]:
                    candidates.append(sub)
                    candidates += [c for c in sub.children if c.dep_ in ("compound", "pobj")]
        for cand in candidates:
            mode = lex.INSTRUMENT_MODES.get(cand.lower_) or lex.INSTRUMENT_MODES.get(
                cand.lemma_.lower()
            )
            if mode:
                return mode
        return None

    def _by_phone(self, anchor: Token, tok: Token) -> bool:
        for holder in {anchor, tok}:
            for child in holder.children:
                if (
                    child.dep_ == "prep"
                    and child.lower_ in ("by", "over", "via")
                    and any(o.lower_ in lex.PHONE_WORDS for o in child.children)
                ):
                    return True
                if child.dep_ == "compound" and child.lower_ in lex.PHONE_WORDS:
                    return True
        return False

    def _hosting(self, draft: _Draft) -> None:
        """A meeting's host is the recipient only where the place says who hosts ("met with
        his Saudi counterpart in Riyadh"); otherwise every participant is an actor."""
        participants = draft.actors + draft.recipients
        place = self.index.get(draft.location) if draft.location else None
        hosts = [
            p
            for p in participants
            if place is not None and place.country and self.index.get(p).country == place.country
        ]
        if hosts and len(hosts) < len(participants):
            draft.actors = [p for p in participants if p not in hosts]
            draft.recipients = hosts
        else:
            draft.actors, draft.recipients = participants, []

    # ----------------------------------------------------------------------------------------
    # Flags

    def _negated(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
            return True
        # "failed to reach agreement"
        return tok.dep_ == "xcomp" and _lemma(tok.head) == "fail" and not self._negated(tok.head)

    def _future(self, verb: Token) -> bool:
        node = verb
        for _ in range(3):
            for child in node.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.FUTURE_AUXILIARIES:
                    return True
                if child.dep_ == "aux" and child.lower_ == "would" and node.dep_ == "ccomp":
                    return True
            if node.dep_ in ("xcomp", "conj") and node.head.lemma_.lower() in lex.FUTURE_GOVERNORS:
                return True
            if (
                node.dep_ == "xcomp"
                and node.head.lemma_.lower() == "go"
                and any(c.dep_ == "aux" for c in node.head.children)
            ):
                return True
            if node.dep_ not in ("conj", "xcomp"):
                break
            node = node.head
        return False

    def _hypothetical(self, verb: Token) -> bool:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in ("could", "may", "might"):
                return True
        node = verb
        for _ in range(4):
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in lex.HYPOTHETICAL_MARKS for c in node.children
            ):
                return True
            if node.dep_ in ("ROOT",) or node.head.i == node.i:
                break
            node = node.head
        return False

    # ----------------------------------------------------------------------------------------
    # Requests made with must / should

    def _modal_requests(self) -> list[_Draft]:
        """ "Russia said Sudan must return the helicopter": a REQUEST by the speaker of the
        clause's subject, whose mode is what the clause asks for."""
        drafts: list[_Draft] = []
        for tok in self.doc:
            if tok.dep_ != "aux" or tok.lower_ not in ("must", "should"):
                continue
            verb = tok.head
            cue = verb.head
            if verb.dep_ != "ccomp" or cue.i == verb.i:
                continue
            cue_lemma = _lemma(cue)
            if cue_lemma not in lexicon.CLAUSAL_CUES or cue_lemma in lex.VERBS:
                continue
            if self.document.section_at(tok.idx) in self.skip_sections:
                continue
            speaker, _ = self._subject(cue)
            addressee, _ = self._subject(verb)
            if speaker is None or addressee is None or not self._actor_like(addressee):
                continue
            if addressee.lower_ in ("i", "we", "you") or _lemma(verb) in lexicon.CLAUSAL_CUES:
                continue  # "I must tell you": no demand on anyone
            actors = self._resolve_all(speaker)
            recipients = [r for r in self._resolve_all(addressee) if r not in actors]
            if not actors or not recipients:
                continue
            sub = self._sub_event(verb)
            for sub_tok in verb.subtree:
                self.absorbed.add(sub_tok.i)
            mode = lex.request_mode(sub.type, _lemma(verb)) if sub.type else "change"
            draft = _Draft(
                type="REQUEST",
                mode=mode,
                trigger=tok,
                anchor=cue,
                trigger_span=(tok.i, tok.i + 1),
                actors=_unique(actors),
                recipients=_unique(recipients),
                speech=True,
            )
            draft.negated = self._negated(verb)
            draft.own_date = self._own_date(cue, cue)
            drafts.append(draft)
        return drafts

    # ----------------------------------------------------------------------------------------
    # Accusations made in attributed statements

    def _statement_accusations(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        for attribution in self.attributions:
            if attribution.speaker is None or attribution.section in self.skip_sections:
                continue
            cue_token = None
            if attribution.cue is not None:
                cue_span = self.doc.char_span(
                    attribution.cue.span.start, attribution.cue.span.end, alignment_mode="expand"
                )
                cue_token = cue_span.root if cue_span is not None else None
            seen: set[str] = set()
            for content in attribution.content:
                span = self.doc.char_span(content.start, content.end, alignment_mode="expand")
                if span is None:
                    continue
                for tok in span:
                    if tok.pos_ not in ("NOUN", "PROPN"):
                        continue
                    if self._innermost(tok.idx) is not attribution:
                        continue  # an account inside this one makes the accusation
                    accused, start = self._evaluated_owner(tok)
                    if accused is None or accused == attribution.speaker or accused in seen:
                        continue
                    seen.add(accused)
                    anchor = cue_token or tok
                    draft = _Draft(
                        type="ACCUSE",
                        mode="disapprove",
                        trigger=tok,
                        anchor=anchor,
                        trigger_span=(start, tok.i + 1),
                        actors=[attribution.speaker],
                        recipients=[accused],
                        speech=True,
                        statement_by=attribution.speaker,
                    )
                    draft.negated = self._negated(tok.head) if tok.dep_ == "attr" else False
                    if cue_token is not None:
                        draft.own_date = self._own_date(cue_token, cue_token)
                    drafts.append(draft)
        return drafts

    def _evaluated_owner(self, tok: Token) -> tuple[str | None, int]:
        """For a noun evaluated in hostile terms, the actor whose conduct it is."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None, tok.i
        hostile = [
            c for c in tok.children if c.dep_ == "amod" and c.lower_ in lex.NEGATIVE_EVALUATION
        ]
        if not hostile and tok.lower_ not in lex.ACCUSATION_NOUNS:
            return None, tok.i
        start = min([c.i for c in hostile] + [tok.i])
        for child in tok.children:
            if child.dep_ in ("poss", "compound") and self._actor_like(child):
                ids = self._resolve_all(child)
                if ids:
                    return ids[0], min(start, child.i if child.dep_ == "compound" else start)
        for sub in tok.subtree:
            if sub.dep_ in ("agent",) or (sub.dep_ == "prep" and sub.lower_ == "by"):
                for obj in sub.children:
                    if obj.dep_ == "pobj" and self._actor_like(obj):
                        ids = self._resolve_all(obj)
                        if ids:
                            return ids[0], start
        return None, tok.i

    # ----------------------------------------------------------------------------------------
    # Who placed a call

    def _initiation(self, verb: Token) -> None:
        agent = self._agent(verb)
        if agent is None:
            return
        theme = None
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "nsubj", "dobj"):
                theme = self._relative(child)
        if theme is None or theme.lemma_.lower() not in lex.CALL_NOUNS:
            # "which Moscow said was initiated by ...": climb to the relative clause's noun.
            node = verb
            for _ in range(4):
                if node.dep_ == "relcl":
                    theme = node.head
                    break
                node = node.head
        if theme is None or theme.lemma_.lower() not in lex.CALL_NOUNS:
            return
        ids = self._resolve_all(agent)
        if not ids:
            return
        entity = self.index.get(ids[0])
        date = None
        for child in theme.children:
            if child.i in self.date_of_token:
                date = self.date_of_token[child.i][1].value
        key = (ids[0], date)
        if any((i.entity, i.date) == key for i in self.initiations):
            return
        self.initiations.append(_Initiation(ids[0], entity.country, date))

    def _apply_initiations(self, drafts: list[_Draft]) -> None:
        for initiation in self.initiations:
            for draft in drafts:
                if draft.type != "CONSULT" or draft.recipients or len(draft.actors) < 2:
                    continue
                value = draft.own_date.value if draft.own_date else None
                if initiation.date is not None and initiation.date != value:
                    continue
                if initiation.date is None and draft.previous:
                    continue
                callers = [
                    a
                    for a in draft.actors
                    if a == initiation.entity
                    or (initiation.country and self.index.get(a).country == initiation.country)
                ]
                called = [a for a in draft.actors if a not in callers]
                if callers and called:
                    draft.actors, draft.recipients = callers, called
                break
