"""The PLOVER trigger lexicon: which words name which events, and how their arguments read.

Everything the event coder (:mod:`onrecord.events.coder`) knows about vocabulary is read here,
at import, from the data files in ``onrecord/data/plover/`` (see the README there), so that
coverage grows by adding rows rather than rules:

* :data:`VERBS` (``triggers/verbs.json``): verb lemma -> :class:`Trigger`; :data:`PHRASAL`
  for verb + particle ("shut down", "call off") and :data:`PREPOSITIONAL` for verb +
  preposition ("call for", "meet with"), both taking precedence over the bare verb;
  :data:`VERB_OBJECT` and :data:`VERB_PREP_OBJECT` for idioms ("opened fire", "went on
  strike").
* :data:`NOUNS`: event nouns ("talks", "sanctions", "air strike"), which trigger an event only
  as the object of a support verb in :data:`SUPPORT_VERBS` ("held talks", "imposed sanctions",
  "launched an air strike") so that "During Friday's call" does not count as another call.
* :data:`ADJECTIVES`: predicative adjectives of willingness ("ready to", "open to").
* Complement modes: a speech act such as REQUEST or REJECT takes its mode from the event it
  asks for or refuses (:func:`request_mode`); a threat from the action threatened
  (:func:`threaten_mode`).
* Actor vocabulary: head nouns that name actors and their PLOVER sector
  (:data:`SECTOR_BY_NOUN`), and demonyms and place names the shared gazetteer lacks
  (:data:`EXTRA_COUNTRY_WORDS`).
* Word lists (``words/*.txt``) the coder's rules consult, each under the upper-case name of
  its file: :data:`AID_OBJECTS`, :data:`PARTITIVES`, :data:`PHONE_WORDS`, ...

Types are the 16 of PLOVER; modes follow the PLOVER ontology where it defines them. The types
and their groups (:data:`COOPERATIVE_TYPES`, ...) are the ontology the rules are written
against, so they stay here in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onrecord import data

__all__ = [
    "ADJECTIVES",
    "CONFLICT_TYPES",
    "COOPERATIVE_TYPES",
    "EVENT_TYPES",
    "EXTRA_COUNTRY_WORDS",
    "NOUNS",
    "PHRASAL",
    "PREPOSITIONAL",
    "PROTESTER_NOUNS",
    "SECTOR_BY_NOUN",
    "SPEECH_TYPES",
    "SUPPORT_VERBS",
    "VERBS",
    "VERB_OBJECT",
    "VERB_PREP_OBJECT",
    "Trigger",
    "request_mode",
    "threaten_mode",
]

EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# Cooperative actions; announced for the future they are AGREE (a commitment) in PLOVER.
COOPERATIVE_TYPES = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# Conflictual material actions; announced for the future they are THREATEN.
CONFLICT_TYPES = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# Types whose target, when no one is named, is the place they happen in ("demonstrated in
# Serbia", "threatened to impose a curfew in Algiers").
PLACE_TARGET_TYPES = CONFLICT_TYPES | {"RETREAT"}
# Verbal acts: saying them is the event, and what they ask for, refuse or promise is their
# content (absorbed into the act, never an event of its own).
SPEECH_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger word codes and where its arguments are found.

    ``recipient_preps``: prepositions whose object is the recipient (tried after the direct
    object). ``object_recipient``: whether the direct object is the recipient ("attacked the
    village") or the thing acted with ("imposed sanctions", "sent troops"). ``complement``:
    a speech act whose infinitive or clause complement names what is asked, refused, promised
    or threatened; that complement is absorbed and may set the mode. ``participants``: the
    event needs two sides (CONSULT by "talk", "discuss"); with one side it is not coded.
    ``control``: for an infinitive complement, whose action it is: "object" ("urged Putin to
    withdraw": Putin's) or "subject" ("agreed to withdraw": the subject's).
    """

    type: str
    mode: str | None = None
    recipient_preps: tuple[str, ...] = ()
    object_recipient: bool = True
    complement: bool = False
    participants: bool = False
    control: str = "subject"


# --------------------------------------------------------------------------------------------
# Reading the data files (onrecord/data/plover/)


def _triggers(name: str) -> dict[Any, Trigger]:
    """The entries of ``plover/triggers/<name>.json`` in file order, by their key: the value
    of the one field the file's "key" names, or the tuple of the values of several."""
    content = data.load_json(f"plover/triggers/{name}")
    key_fields: list[str] = content["key"]
    out: dict[Any, Trigger] = {}
    for entry in content["entries"]:
        values = tuple(entry[k] for k in key_fields)
        key = values[0] if len(values) == 1 else values
        if key in out:
            raise ValueError(f"plover/triggers/{name}.json: {key!r} appears twice")
        fields = {k: v for k, v in entry.items() if k not in key_fields and k != "note"}
        fields["recipient_preps"] = tuple(fields.get("recipient_preps", ()))
        out[key] = Trigger(**fields)
    return out


def _words(name: str) -> frozenset[str]:
    return data.words(f"plover/words/{name}")


def _suffixes(name: str) -> tuple[str, ...]:
    return data.word_list(f"plover/words/{name}")


def _table(name: str) -> dict[str, str]:
    """The first two columns of ``plover/tables/<name>.tsv``, in file order."""
    out: dict[str, str] = {}
    for row in data.table(f"plover/tables/{name}"):
        if row[0] in out:
            raise ValueError(f"plover/tables/{name}.tsv: {row[0]!r} appears twice")
        out[row[0]] = row[1]
    return out


# --------------------------------------------------------------------------------------------
# Triggers

VERBS: dict[str, Trigger] = _triggers("verbs")
PHRASAL: dict[tuple[str, str], Trigger] = _triggers("phrasal")
PREPOSITIONAL: dict[tuple[str, str], Trigger] = _triggers("prepositional")
# Event nouns, coded only as the object (or passive subject) of a support verb, or as the
# complement of a speech act ("demanded a ceasefire").
NOUNS: dict[str, Trigger] = _triggers("nouns")
# Verbs that carry an event noun as their object: "held talks", "imposed sanctions".
SUPPORT_VERBS = _words("support_verbs")
# Verb + object idioms, checked before the object is taken for an event noun.
VERB_OBJECT: dict[tuple[str, str], Trigger] = _triggers("verb_object")
# Verb + preposition + object idioms: "went on strike".
VERB_PREP_OBJECT: dict[tuple[str, str, str], Trigger] = _triggers("verb_prep_object")
# Predicative adjectives of willingness: "remains open to talks", "is ready to help".
ADJECTIVES: dict[str, Trigger] = _triggers("adjectives")
# Nouns whose event is their modifier ("a peace effort"); measures of an event noun ("a round
# of talks").
EFFORT_NOUNS = _words("effort_nouns")
# Verbs an event noun is the subject of ("the trial has begun") or in the "in" phrase of
# ("engaged in a battle"): the noun is the event, as with a support verb.
ASPECTUAL_VERBS = _words("aspectual_verbs")
ENGAGEMENT_VERBS = _words("engagement_verbs")
MEASURE_NOUNS = _words("measure_nouns")

# --------------------------------------------------------------------------------------------
# What a verb acts on (refining or dropping its coding)

TERMINATORS = _words("terminators")
AID_OBJECTS = _words("aid_objects")
SANCTION_OBJECTS = _words("sanction_objects")
FIRE_OBJECTS = _words("fire_objects")
WEAPON_OBJECTS = _words("weapon_objects")
INSPECTORS = _words("inspectors")
PLACE_OBJECTS = _words("place_objects")
AID_ANYWAY = _words("aid_anyway")
# Instruments that give an ASSAULT its mode.
INSTRUMENT_MODES: dict[str, str] = _table("instrument_modes")

# --------------------------------------------------------------------------------------------
# Actors

ORGANIZATION_HEADS = _words("organization_heads")
NOT_HUMAN_SUFFIXES = _suffixes("not_human_suffixes")
HUMAN_SUFFIXES = _suffixes("human_suffixes")
NOT_HUMAN = _words("not_human")
PARTITIVES = _words("partitives")
GROUP_REFERENCES = _words("group_references")
STATE_HEADS = _words("state_heads")
OBJECT_CONTROL = _words("object_control")
# PLOVER sector codes for the head noun of an actor phrase ("Israeli soldiers" -> MIL).
SECTOR_BY_NOUN: dict[str, str] = _table("sector_by_noun")
# Demonyms, plurals and places missing from the shared gazetteer (lower case); None for a
# people across several states.
EXTRA_COUNTRY_WORDS: dict[str, str | None] = {
    word: None if alpha3 == "-" else alpha3
    for word, alpha3 in _table("extra_country_words").items()
}

# --------------------------------------------------------------------------------------------
# Meetings

PHONE_WORDS = _words("phone_words")
# Whom a protest is aimed at (events.arguments._protest_target).
PROTEST_FRAMES = _words("protest_frames")
PURPOSE_VERBS = _words("purpose_verbs")
NOT_PARTICIPANTS = _words("not_participants")

# --------------------------------------------------------------------------------------------
# Flags, earlier events, calls, accusations

FUTURE_GOVERNORS = _words("future_governors")
FUTURE_AUXILIARIES = _words("future_auxiliaries")
HYPOTHETICAL_AUXILIARIES = _words("hypothetical_auxiliaries")
HYPOTHETICAL_MARKS = _words("hypothetical_marks")
NEGATIONS = _words("negations")
PREVIOUS_MARKERS = _words("previous_markers")
INITIATE_VERBS = _words("initiate_verbs")
CALL_NOUNS = _words("call_nouns")
NEGATIVE_EVALUATION = _words("negative_evaluation")
ACCUSATION_NOUNS = _words("accusation_nouns")
PROTESTER_NOUNS = _words("protester_nouns")


def request_mode(complement_type: str | None, complement_lemma: str | None) -> str | None:
    """REQUEST / REJECT mode from what is asked or refused: assist, change, yield, meet."""
    if complement_type is None:
        return None
    if complement_type in ("RETREAT", "CONCEDE"):
        return "yield"
    if complement_type == "CONSULT" or complement_lemma in ("meet", "negotiate", "talk"):
        return "meet"
    if complement_type in ("AID", "SUPPORT", "COOPERATE"):
        return "assist"
    return "change"


def threaten_mode(complement_type: str | None, complement_mode: str | None) -> str | None:
    """THREATEN mode from the action threatened: restrict, arrest, relations, expel,
    territory, violence."""
    if complement_type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if complement_type == "COERCE":
        if complement_mode in ("arrest", "deport"):
            return "arrest"
        if complement_mode == "seize":
            return "territory"
        return "restrict"
    if complement_type == "SANCTION":
        if complement_mode == "expel":
            return "expel"
        if complement_mode in ("discontinue", "withdraw"):
            return "relations"
        return "restrict"
    if complement_type == "PROTEST":
        return "restrict"
    if complement_type == "RETREAT":
        return "relations"
    return None
