"""The PLOVER trigger lexicon: which words name which events, and how their arguments read.

Everything the event coder (:mod:`onrecord.events.coder`) knows about vocabulary lives here,
as plain tables, so that coverage grows by adding rows rather than rules:

* :data:`VERBS`: verb lemma -> :class:`Trigger`; :data:`PHRASAL` for verb + particle ("shut
  down", "call off") and :data:`PREPOSITIONAL` for verb + preposition ("call for", "meet
  with"), both taking precedence over the bare verb.
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

Types are the 16 of PLOVER; modes follow the PLOVER ontology where it defines them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ADJECTIVES",
    "CONFLICT_TYPES",
    "COOPERATIVE_TYPES",
    "EVENT_TYPES",
    "EXTRA_COUNTRY_WORDS",
    "NOUNS",
    "PHRASAL",
    "PREPOSITIONAL",
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
# Verbal acts: saying them is the event, and what they ask for, refuse or promise is their
# content (absorbed into the act, never an event of its own).
SPEECH_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _words(text: str) -> list[str]:
    return text.split()


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


def _t(
    type_: str,
    mode: str | None = None,
    preps: str = "",
    *,
    obj: bool = True,
    complement: bool = False,
    participants: bool = False,
    control: str = "subject",
) -> Trigger:
    return Trigger(type_, mode, tuple(preps.split()), obj, complement, participants, control)


_WITH = "with"
_TO = "to"
_AGAINST = "against on at"

VERBS: dict[str, Trigger] = {
    # AGREE: agree to, offer, promise, commit, accept a proposal.
    "agree": _t("AGREE", None, "with to on", obj=True, complement=True),
    "promise": _t("AGREE", None, "to", complement=True),
    "pledge": _t("AGREE", None, "to", complement=True),
    "vow": _t("AGREE", None, "to", complement=True),
    "swear": _t("AGREE", None, "to", complement=True),
    "offer": _t("AGREE", None, "to", complement=True),
    "commit": _t("AGREE", None, "to", complement=True),
    "accept": _t("AGREE", None, "from", obj=False, complement=True),
    "endorse": _t("SUPPORT"),
    "ratify": _t("AGREE", obj=False),
    # CONSULT: meetings, calls, visits, talks, mediation.
    "meet": _t("CONSULT", None, "with", participants=True),
    "visit": _t("CONSULT", "visit"),
    "host": _t("CONSULT", "visit"),
    "receive": _t("CONSULT", "visit", obj=True),
    "welcome": _t("CONSULT", "visit"),
    "talk": _t("CONSULT", None, "with to", participants=True),
    "speak": _t("CONSULT", None, "with to", participants=True),
    "discuss": _t("CONSULT", None, "with", obj=False, participants=True),
    "negotiate": _t("CONSULT", None, "with", obj=False, participants=True),
    "confer": _t("CONSULT", None, "with", participants=True),
    "telephone": _t("CONSULT", "phone"),
    "phone": _t("CONSULT", "phone"),
    "mediate": _t("CONSULT", "third-party", "between", obj=False),
    "arrive": _t("CONSULT", "visit", "in at", obj=False),
    "travel": _t("CONSULT", "visit", "to", obj=False),
    "fly": _t("CONSULT", "visit", "to", obj=False),
    # SUPPORT: praise, defend, endorse, apologize, recognize, sign agreements.
    "support": _t("SUPPORT"),
    "back": _t("SUPPORT"),
    "praise": _t("SUPPORT"),
    "commend": _t("SUPPORT"),
    "hail": _t("SUPPORT"),
    "applaud": _t("SUPPORT"),
    "defend": _t("SUPPORT"),
    "apologize": _t("SUPPORT", None, "to"),
    "apologise": _t("SUPPORT", None, "to"),
    "recognize": _t("SUPPORT"),
    "recognise": _t("SUPPORT"),
    "upgrade": _t("SUPPORT", None, "with", obj=False),
    "normalize": _t("SUPPORT", None, "with", obj=False),
    "normalise": _t("SUPPORT", None, "with", obj=False),
    "forgive": _t("SUPPORT"),
    "sign": _t("SUPPORT", None, "with", obj=False),
    "congratulate": _t("SUPPORT"),
    "thank": _t("SUPPORT"),
    # CONCEDE: ease, lift restrictions, allow, give in.
    "concede": _t("CONCEDE", None, "to"),
    "ease": _t("CONCEDE", None, "in on for", obj=False),
    "relax": _t("CONCEDE", None, "in on for", obj=False),
    "allow": _t("CONCEDE"),
    "permit": _t("CONCEDE"),
    "lift": _t("CONCEDE", None, "on in against", obj=False),
    "pardon": _t("CONCEDE"),
    "shorten": _t("CONCEDE", None, "in", obj=False),
    "cancel": _t("CONCEDE", None, "on", obj=False),
    "approve": _t("CONCEDE", None, "for", obj=False),
    # COOPERATE: material cooperation.
    "cooperate": _t("COOPERATE", None, "with", obj=False),
    "share": _t("COOPERATE", None, "with", obj=False),
    "extradite": _t("COOPERATE", None, "to"),
    "exchange": _t("COOPERATE", None, "with", obj=False),
    # AID: give, send aid, donate, grant asylum, evacuate.
    "donate": _t("AID", None, "to", obj=False),
    "deliver": _t("AID", None, "to", obj=False),
    "provide": _t("AID", None, "to for with", obj=False),
    "give": _t("AID", None, "to", obj=True),
    "grant": _t("AID", None, "to", obj=True),
    "send": _t("AID", None, "to", obj=False),
    "dispatch": _t("AID", None, "to", obj=False),
    "supply": _t("AID", None, "to with", obj=False),
    "airlift": _t("AID", None, "to", obj=False),
    "evacuate": _t("AID", None, "from", obj=True),
    "fund": _t("AID"),
    "finance": _t("AID"),
    "rescue": _t("AID"),
    "shelter": _t("AID"),
    # RETREAT: withdraw, release, disarm, ceasefire, access, resign.
    "withdraw": _t("RETREAT", "withdraw", "from", obj=False),
    "pull": _t("RETREAT", "withdraw", "from", obj=False),
    "retreat": _t("RETREAT", "withdraw", "from", obj=False),
    "evacuate_": _t("RETREAT", "withdraw", "from", obj=False),
    "release": _t("RETREAT", "release", "to", obj=True),
    "free": _t("RETREAT", "release", "", obj=True),
    "return": _t("RETREAT", "release", "to", obj=False),
    "disarm": _t("RETREAT", "disarm", "", obj=False),
    "demobilize": _t("RETREAT", "disarm", "", obj=False),
    "demobilise": _t("RETREAT", "disarm", "", obj=False),
    "surrender": _t("RETREAT", "disarm", "to", obj=False),
    "resign": _t("RETREAT", "resign", "", obj=False),
    "quit": _t("RETREAT", "resign", "", obj=False),
    "step": _t("RETREAT", "resign", "", obj=False),  # only as "step down" (PHRASAL)
    "abdicate": _t("RETREAT", "resign", "", obj=False),
    "reopen": _t("RETREAT", "access", "to", obj=False),
    "compensate": _t("RETREAT", None),
    # REQUEST: ask, urge, demand, appeal.
    "urge": _t("REQUEST", None, "", complement=True, control="object"),
    "ask": _t("REQUEST", None, "", complement=True, control="object"),
    "demand": _t("REQUEST", None, "from of", obj=False, complement=True, control="object"),
    "request": _t("REQUEST", None, "from of", obj=False, complement=True, control="object"),
    "press": _t("REQUEST", None, "", complement=True, control="object"),
    "pressure": _t("REQUEST", None, "", complement=True, control="object"),
    "appeal": _t("REQUEST", None, "to", complement=True, control="object"),
    "implore": _t("REQUEST", None, "", complement=True, control="object"),
    "beg": _t("REQUEST", None, "", complement=True, control="object"),
    "order": _t("REQUEST", None, "", complement=True, control="object"),
    "invite": _t("REQUEST", "meet", "", complement=True, control="object"),
    "summon": _t("ACCUSE", "disapprove", ""),  # summoning an ambassador is a protest
    # ACCUSE: accuse, blame, criticize, condemn, investigate, allege.
    "accuse": _t("ACCUSE", "allege", "", complement=True),
    "charge": _t("ACCUSE", "allege", "", complement=True),
    "blame": _t("ACCUSE", "disapprove", "", complement=True),
    "criticize": _t("ACCUSE", "disapprove", "", complement=True),
    "criticise": _t("ACCUSE", "disapprove", "", complement=True),
    "condemn": _t("ACCUSE", "disapprove", "", complement=True),
    "denounce": _t("ACCUSE", "disapprove", "", complement=True),
    "deplore": _t("ACCUSE", "disapprove", "", complement=True),
    "censure": _t("ACCUSE", "disapprove", "", complement=True),
    "rebuke": _t("ACCUSE", "disapprove", "", complement=True),
    "slam": _t("ACCUSE", "disapprove", "", complement=True),
    "complain": _t("ACCUSE", "disapprove", "to about of", obj=False, complement=True),
    "sue": _t("ACCUSE", "allege", "", complement=True),
    "indict": _t("ACCUSE", "allege", "", complement=True),
    "allege": _t("ACCUSE", "allege", "", obj=False, complement=True),
    "investigate": _t("ACCUSE", "investigate"),
    "probe": _t("ACCUSE", "investigate"),
    "inspect": _t("ACCUSE", "investigate"),
    # REJECT: refuse, reject, veto, deny.
    "reject": _t("REJECT", None, "", obj=False, complement=True),
    "refuse": _t("REJECT", None, "", obj=False, complement=True),
    "decline": _t("REJECT", None, "", obj=False, complement=True),
    "veto": _t("REJECT", None, "", obj=False, complement=True),
    "dismiss": _t("REJECT", None, "", obj=False, complement=True),
    "rebuff": _t("REJECT", None, "", obj=False, complement=True),
    "oppose": _t("REJECT", None, "", obj=False, complement=True),
    "defy": _t("REJECT", None, "", obj=False, complement=True),
    "violate": _t("REJECT", None, "", obj=False, complement=True),
    "breach": _t("REJECT", None, "", obj=False, complement=True),
    "renege": _t("REJECT", None, "on", obj=False, complement=True),
    "boycott": _t("PROTEST", "boycott"),
    # THREATEN.
    "threaten": _t("THREATEN", None, "", complement=True),
    "warn": _t("THREATEN", None, "", complement=True),
    # PROTEST: demonstrations, riots, strikes, hunger strikes, blockades.
    "protest": _t("PROTEST", "demo", "against outside", obj=False),
    "demonstrate": _t("PROTEST", "demo", "against outside", obj=False),
    "rally": _t("PROTEST", "demo", "against outside", obj=False),
    "march": _t("PROTEST", "demo", "against on", obj=False),
    "riot": _t("PROTEST", "riot", "against", obj=False),
    "strike": _t("ASSAULT", None, "", obj=True),
    "block": _t("PROTEST", "obstruct", "", obj=False),
    "blockade": _t("COERCE", "restrict", ""),
    "picket": _t("PROTEST", "demo", ""),
    "vandalize": _t("PROTEST", "vandalize", ""),
    "deface": _t("COERCE", "cyber", ""),
    # SANCTION: convict, expel, withdraw, discontinue, sanctions.
    "sanction": _t("SANCTION", None),
    "expel": _t("SANCTION", "expel", "from"),
    "suspend": _t("SANCTION", "discontinue", "to for with", obj=False),
    "halt": _t("SANCTION", "discontinue", "to for with", obj=False),
    "cut": _t("SANCTION", "discontinue", "to with", obj=False),
    "freeze": _t("SANCTION", "discontinue", "to with", obj=False),
    "convict": _t("SANCTION", "convict"),
    "sentence": _t("SANCTION", "convict"),
    "embargo": _t("SANCTION", "discontinue"),
    "recall": _t("SANCTION", "withdraw", "from", obj=False),
    "sever": _t("SANCTION", "discontinue", "with", obj=False),
    "prohibit": _t("SANCTION", "discontinue", "to", obj=False),
    "reduce": _t("SANCTION", "discontinue", "to", obj=False),
    "close": _t("SANCTION", "discontinue", "to with", obj=False),
    # MOBILIZE: troops, weapons, police, militia.
    "deploy": _t("MOBILIZE", "troops", "to in", obj=False),
    "mobilize": _t("MOBILIZE", "troops", "against", obj=False),
    "mobilise": _t("MOBILIZE", "troops", "against", obj=False),
    "mass": _t("MOBILIZE", "troops", "on near along", obj=False),
    "station": _t("MOBILIZE", "troops", "in", obj=False),
    "reinforce": _t("MOBILIZE", "troops", "in", obj=False),
    "strengthen": _t("MOBILIZE", "troops", "in", obj=False),
    # COERCE: seize, restrict, censor, curfew, arrest, deport, cyber.
    "arrest": _t("COERCE", "arrest"),
    "detain": _t("COERCE", "arrest"),
    "jail": _t("COERCE", "arrest"),
    "imprison": _t("COERCE", "arrest"),
    "kidnap": _t("COERCE", "arrest"),
    "abduct": _t("COERCE", "arrest"),
    "seize": _t("COERCE", "seize", "from", obj=False),
    "confiscate": _t("COERCE", "seize", "from", obj=False),
    "capture": _t("COERCE", "seize"),
    "destroy": _t("COERCE", "seize", "", obj=False),
    "burn": _t("COERCE", "seize", "", obj=False),
    "annex": _t("COERCE", "seize"),
    "occupy": _t("COERCE", "seize"),
    "deport": _t("COERCE", "deport"),
    "ban": _t("COERCE", "restrict"),
    "outlaw": _t("COERCE", "restrict"),
    "censor": _t("COERCE", "censor"),
    "prevent": _t("COERCE", "restrict"),
    "restrict": _t("COERCE", "restrict"),
    "tighten": _t("COERCE", "restrict", "on against", obj=False),
    "hack": _t("COERCE", "cyber", "into", obj=False),
    "demolish": _t("COERCE", "seize", "", obj=False),
    "raid": _t("COERCE", "seize"),
    "disperse": _t("COERCE", "restrict"),
    "crack": _t("COERCE", "restrict"),  # only as "crack down" (PHRASAL)
    "impose": _t("COERCE", "restrict", "on in against", obj=False),
    # ASSAULT.
    "attack": _t("ASSAULT"),
    "assault": _t("ASSAULT"),
    "bomb": _t("ASSAULT", "aerial"),
    "shell": _t("ASSAULT", "heavy-weapons"),
    "kill": _t("ASSAULT"),
    "assassinate": _t("ASSAULT", "targeted"),
    "murder": _t("ASSAULT"),
    "execute": _t("ASSAULT"),
    "shoot": _t("ASSAULT", "firearms", "at", obj=True),
    "fire": _t("ASSAULT", "firearms", "at on into", obj=False),
    "wound": _t("ASSAULT"),
    "injure": _t("ASSAULT"),
    "torture": _t("ASSAULT", "torture"),
    "beat": _t("ASSAULT", "beat"),
    "abuse": _t("ASSAULT"),
    "invade": _t("ASSAULT", "heavy-weapons"),
    "fight": _t("ASSAULT", None, "with against", obj=True),
    "clash": _t("ASSAULT", None, "with", obj=False),
    "ambush": _t("ASSAULT", "firearms"),
    "massacre": _t("ASSAULT"),
    "storm": _t("ASSAULT"),
    "retake": _t("ASSAULT", "heavy-weapons"),
    "overrun": _t("ASSAULT", "heavy-weapons"),
    "strafe": _t("ASSAULT", "aerial"),
    "retaliate": _t("ASSAULT", None, "against", obj=False),
}
del VERBS["evacuate_"]

PHRASAL: dict[tuple[str, str], Trigger] = {
    ("step", "down"): _t("RETREAT", "resign", "", obj=False),
    ("pull", "out"): _t("RETREAT", "withdraw", "of from", obj=False),
    ("pull", "back"): _t("RETREAT", "withdraw", "from", obj=False),
    ("hand", "over"): _t("RETREAT", "release", "to", obj=False),
    ("call", "off"): _t("CONCEDE", None, "", obj=False),
    ("shut", "down"): _t("SANCTION", "discontinue", "", obj=False),
    ("cut", "off"): _t("SANCTION", "discontinue", "to with from", obj=False),
    ("break", "off"): _t("SANCTION", "discontinue", "with", obj=False),
    ("crack", "down"): _t("COERCE", "restrict", "on", obj=False),
    ("blow", "up"): _t("ASSAULT", "explosives"),
    ("set", "up"): _t("COOPERATE", None, "with", obj=False),
    ("beat", "up"): _t("ASSAULT", "beat"),
    ("lock", "up"): _t("COERCE", "arrest"),
    ("turn", "down"): _t("REJECT", None, "", obj=False, complement=True),
    ("force", "out"): _t("COERCE", "deport", "of from"),
    ("ship", "out"): _t("RETREAT", "withdraw", "of from", obj=False),
}

PREPOSITIONAL: dict[tuple[str, str], Trigger] = {
    ("call", "for"): _t("REQUEST", None, "", obj=False, complement=True),
    ("call", "on"): _t("REQUEST", None, "", complement=True, control="object"),
    ("call", "upon"): _t("REQUEST", None, "", complement=True, control="object"),
    ("insist", "on"): _t("REQUEST", None, "", obj=False, complement=True),
    ("push", "for"): _t("REQUEST", None, "", obj=False, complement=True),
    ("press", "for"): _t("REQUEST", None, "", obj=False, complement=True),
    ("appeal", "for"): _t("REQUEST", None, "", obj=False, complement=True),
    ("meet", "with"): _t("CONSULT", None, "with", participants=True),
    ("speak", "by"): _t("CONSULT", "phone", "with to", participants=True),
    ("talk", "by"): _t("CONSULT", "phone", "with to", participants=True),
    ("open", "fire"): _t("ASSAULT", "firearms", "on at", obj=False),
    ("agree", "on"): _t("AGREE", None, "with", obj=False, complement=True),
    ("agree", "upon"): _t("AGREE", None, "with", obj=False, complement=True),
    ("protest", "against"): _t("PROTEST", "demo", "against", obj=False),
    ("lodge", "protest"): _t("ACCUSE", "disapprove", "with against", obj=False),
}

# Event nouns, coded only as the object (or passive subject) of a support verb, or as the
# complement of a speech act ("demanded a ceasefire").
NOUNS: dict[str, Trigger] = {
    "talk": _t("CONSULT", None, "with", participants=True),
    "meeting": _t("CONSULT", None, "with", participants=True),
    "summit": _t("CONSULT", "multilateral", "with", participants=True),
    "conference": _t("CONSULT", "multilateral", "with", participants=True),
    "negotiation": _t("CONSULT", None, "with", participants=True),
    "exchange": _t("CONSULT", None, "with", participants=True),
    "discussion": _t("CONSULT", None, "with", participants=True),
    "consultation": _t("CONSULT", None, "with", participants=True),
    "visit": _t("CONSULT", "visit", "to"),
    "trip": _t("CONSULT", "visit", "to"),
    "call": _t("CONSULT", "phone", "with to", participants=True),
    "conversation": _t("CONSULT", "phone", "with", participants=True),
    "mediation": _t("CONSULT", "third-party", "between"),
    "welcome": _t("CONSULT", "visit", "to"),
    "agreement": _t("AGREE", None, "with"),
    "deal": _t("AGREE", None, "with"),
    "accord": _t("AGREE", None, "with"),
    "treaty": _t("SUPPORT", None, "with"),
    "consensus": _t("AGREE", None, "with"),
    "pact": _t("AGREE", None, "with"),
    "ceasefire": _t("RETREAT", "ceasefire", "with"),
    "cease-fire": _t("RETREAT", "ceasefire", "with"),
    "truce": _t("RETREAT", "ceasefire", "with"),
    "withdrawal": _t("RETREAT", "withdraw", "from"),
    "aid": _t("AID", None, "to for"),
    "assistance": _t("AID", None, "to for"),
    "asylum": _t("AID", None, "to"),
    "grant": _t("AID", None, "to"),
    "loan": _t("AID", None, "to"),
    "relief": _t("AID", None, "to for"),
    "support": _t("SUPPORT", None, "for to"),
    "apology": _t("SUPPORT", None, "to"),
    "demand": _t("REQUEST", None, "on to for", complement=True),
    "request": _t("REQUEST", None, "to for", complement=True),
    "appeal": _t("REQUEST", None, "to for", complement=True),
    "ultimatum": _t("THREATEN", None, "to", complement=True),
    "warning": _t("THREATEN", None, "to", complement=True),
    "threat": _t("THREATEN", None, "to against", complement=True),
    "accusation": _t("ACCUSE", "allege", "against", complement=True),
    "investigation": _t("ACCUSE", "investigate", "into against of"),
    "inquiry": _t("ACCUSE", "investigate", "into against of"),
    "probe": _t("ACCUSE", "investigate", "into against of"),
    "hearing": _t("ACCUSE", "investigate", "into against of"),
    "protest": _t("PROTEST", "demo", "against"),
    "demonstration": _t("PROTEST", "demo", "against"),
    "rally": _t("PROTEST", "demo", "against"),
    "march": _t("PROTEST", "demo", "against"),
    "riot": _t("PROTEST", "riot", "against"),
    "strike": _t("PROTEST", "strike", "against"),
    "walkout": _t("PROTEST", "strike", "against"),
    "hunger strike": _t("PROTEST", "hunger", "against"),
    "boycott": _t("PROTEST", "boycott", "of against"),
    "blockade": _t("COERCE", "restrict", "on of against in"),
    "sanction": _t("SANCTION", None, "on against"),
    "embargo": _t("SANCTION", "discontinue", "on against"),
    "curfew": _t("COERCE", "curfew", "in on"),
    "martial law": _t("COERCE", "martial-law", "in on"),
    "state of emergency": _t("COERCE", "martial-law", "in on"),
    "state of siege": _t("COERCE", "martial-law", "in on"),
    "ban": _t("COERCE", "restrict", "on against"),
    "restriction": _t("COERCE", "restrict", "on against"),
    "crackdown": _t("COERCE", "restrict", "on against"),
    "arrest": _t("COERCE", "arrest", "of"),
    "raid": _t("COERCE", "seize", "on against"),
    "deployment": _t("MOBILIZE", "troops", "to in"),
    "offensive": _t("ASSAULT", "heavy-weapons", "against on"),
    "attack": _t("ASSAULT", None, "on against"),
    "assault": _t("ASSAULT", None, "on against"),
    "air strike": _t("ASSAULT", "aerial", "on against"),
    "missile strike": _t("ASSAULT", "heavy-weapons", "on against"),
    "rocket strike": _t("ASSAULT", "heavy-weapons", "on against"),
    "nuclear strike": _t("ASSAULT", "heavy-weapons", "on against"),
    "military strike": _t("ASSAULT", None, "on against"),
    "airstrike": _t("ASSAULT", "aerial", "on against"),
    "air raid": _t("ASSAULT", "aerial", "on against"),
    "drone strike": _t("ASSAULT", "drone", "on against"),
    "drone attack": _t("ASSAULT", "drone", "on against"),
    "bombing": _t("ASSAULT", "explosives", "on against"),
    "shelling": _t("ASSAULT", "heavy-weapons", "on against"),
    "invasion": _t("ASSAULT", "heavy-weapons", "of"),
    "fire": _t("ASSAULT", "firearms", "on at"),
    "war game": _t("COOPERATE", None, "with"),
    "joint exercise": _t("COOPERATE", None, "with"),
    "suspension": _t("SANCTION", "discontinue", "with of to"),
    "cancellation": _t("SANCTION", "discontinue", "with of to"),
    "closure": _t("SANCTION", "discontinue", "of to"),
    "expulsion": _t("SANCTION", "expel", "of from"),
    "patrol": _t("MOBILIZE", "police", "in"),
    "alert": _t("MOBILIZE", "troops", "in"),
    "cooperation": _t("COOPERATE", None, "with"),
    "dialogue": _t("CONSULT", None, "with", participants=True),
    "exercise": _t("COOPERATE", None, "with"),
}

# Verbs that carry an event noun as their object: "held talks", "imposed sanctions".
SUPPORT_VERBS = frozenset(
    _words("""
    hold have conduct begin start launch resume stage mount carry make pay reach sign conclude
    declare announce impose issue lodge file open renew undertake seek continue organize
    organise call extend order grant give offer provide deliver send strike speed complete
    finish accelerate reiterate repeat voice express reimpose relaunch intensify escalate
    step wage go unleash initiate
    """)
)

# Verb + object idioms, checked before the object is taken for an event noun.
VERB_OBJECT: dict[tuple[str, str], Trigger] = {
    ("open", "fire"): _t("ASSAULT", "firearms", "on at", obj=False),
    ("break", "relation"): _t("SANCTION", "discontinue", "with", obj=False),
    ("break", "tie"): _t("SANCTION", "discontinue", "with", obj=False),
    ("cut", "tie"): _t("SANCTION", "discontinue", "with", obj=False),
    ("sever", "tie"): _t("SANCTION", "discontinue", "with", obj=False),
    ("sever", "relation"): _t("SANCTION", "discontinue", "with", obj=False),
    ("establish", "tie"): _t("SUPPORT", None, "with", obj=False),
    ("establish", "relation"): _t("SUPPORT", None, "with", obj=False),
    ("restore", "tie"): _t("SUPPORT", None, "with", obj=False),
    ("restore", "relation"): _t("SUPPORT", None, "with", obj=False),
    ("open", "embassy"): _t("SUPPORT", None, "in", obj=False),
    ("open", "border"): _t("RETREAT", "access", "to", obj=False),
    ("open", "bridge"): _t("RETREAT", "access", "to", obj=False),
    ("open", "crossing"): _t("RETREAT", "access", "to", obj=False),
    ("reopen", "border"): _t("RETREAT", "access", "to", obj=False),
    ("take", "hostage"): _t("COERCE", "arrest"),
    ("lodge", "protest"): _t("ACCUSE", "disapprove", "with against", obj=False),
    ("file", "complaint"): _t("ACCUSE", "disapprove", "with against", obj=False),
    ("set", "fire"): _t("COERCE", "seize", "to", obj=False),
    ("lay", "siege"): _t("ASSAULT", "heavy-weapons", "to", obj=False),
    ("seek", "refuge"): _t("REQUEST", "assist", "in from", obj=False),
    ("seek", "asylum"): _t("REQUEST", "assist", "in from", obj=False),
    ("pay", "compensation"): _t("RETREAT", None, "to", obj=False),
    ("meet", "demand"): _t("CONCEDE", None, "", obj=False),
    ("accept", "demand"): _t("CONCEDE", None, "from", obj=False),
    ("accept", "condition"): _t("CONCEDE", None, "from", obj=False),
    ("lift", "blockade"): _t("RETREAT", "access", "on", obj=False),
    ("lift", "siege"): _t("RETREAT", "access", "on of", obj=False),
    ("hand", "medicine"): _t("AID", None, "to", obj=False),
    ("shun", "work"): _t("PROTEST", "strike", "", obj=False),
    ("stop", "work"): _t("PROTEST", "strike", "", obj=False),
    ("throw", "stone"): _t("PROTEST", "riot", "at", obj=False),
}

# Verb + preposition + object idioms: "went on strike".
VERB_PREP_OBJECT: dict[tuple[str, str, str], Trigger] = {
    ("go", "on", "strike"): _t("PROTEST", "strike", "against", obj=False),
    ("go", "on", "hunger"): _t("PROTEST", "hunger", "against", obj=False),
    ("take", "to", "street"): _t("PROTEST", "demo", "against", obj=False),
    ("put", "on", "alert"): _t("MOBILIZE", "troops", "", obj=False),
    ("remain", "on", "alert"): _t("MOBILIZE", "troops", "", obj=False),
    ("place", "on", "alert"): _t("MOBILIZE", "troops", "", obj=False),
    ("put", "under", "investigation"): _t("ACCUSE", "investigate", "", obj=True),
}

# Verbs that end or suspend what their object names: the event depends on the object.
TERMINATORS = frozenset(
    _words("end halt stop suspend cancel postpone freeze abandon terminate lift cut scrap")
)

# Objects of "hand over", "send", "deliver" that make the transfer aid, not a release.
AID_OBJECTS = frozenset(
    _words("""
    aid medicine medicines food supplies goods grain flour money weapons arms equipment
    assistance relief fuel tent tents blanket blankets vaccine vaccines ammunition
    """)
)
# Objects that a SANCTION by "suspend", "halt", "cut", "freeze", "close" ... can act on.
SANCTION_OBJECTS = frozenset(
    _words("""
    aid assistance tie ties relation relations talks trade import imports export exports asset
    assets funding fund funds flight flights border borders embassy consulate airspace port
    ports crossing crossings cooperation loan loans visa visas shipment shipments supply
    supplies delivery deliveries program programme link links contact contacts negotiation
    negotiations dialogue mission operations operation membership participation
    """)
)
# Objects of "fire" that make it a shooting (not a dismissal).
FIRE_OBJECTS = frozenset(
    _words("""
    shot shots shell shells bomb bombs rocket rockets missile missiles bullet bullets round rounds
    gas salvo salvoes volley mortar mortars grenade grenades weapon weapons
    """)
)
# Objects of "deploy" / "mobilize" that make it MOBILIZE weapons.
WEAPON_OBJECTS = frozenset(
    _words("""
    weapon weapons missile missiles warhead warheads rocket rockets tank tanks artillery
    launcher launchers bomber bombers jet jets warship warships submarine submarines
    """)
)
# Objects of "send" / "dispatch" that make it an investigation.
INSPECTORS = frozenset(_words("inspector inspectors investigator investigators monitor monitors"))
# Objects of "capture" / "seize" that are places (a military action) rather than people.
PLACE_OBJECTS = frozenset(
    _words("""
    town city village territory stronghold position positions base airport area region
    province district hill port bridge border outpost
    """)
)

# Heads that name organizations: "the APEC forum", "the Hizbollah group".
ORGANIZATION_HEADS = frozenset(
    _words("""
    forum group agency movement front council organization organisation committee
    association network faction coalition league community wing alliance federation
    bloc body commission mission delegation union party army watchdog institute foundation
    tribunal board office bureau
    """)
)
# Endings of nouns for people ("fundamentalists", "landowners", "militants").
NOT_HUMAN_SUFFIXES = ("ment", "ments", "ence", "ences", "ance", "ances", "ency")
HUMAN_SUFFIXES = (
    "ist",
    "ists",
    "er",
    "ers",
    "or",
    "ors",
    "ian",
    "ians",
    "ant",
    "ants",
    "ent",
    "ents",
    "man",
    "men",
    "ee",
    "ees",
)
NOT_HUMAN = frozenset(
    _words("""
    power powers number numbers order orders border borders matter matters paper papers
    water center centre member letter letters quarter quarters shelter element elements
    government governments agreement agreements statement statements movement movements
    percent comment comments equipment parliament treatment settlement settlements
    development developments investment investments event events amendment content
    cooperation question answer other others plan plans
    """)
)
# Heads that stand for a part of the group named after "of": "a group of Moroccan diplomats".
PARTITIVES = frozenset(
    _words("""
    group groups member members patch batch contingent number thousands hundreds dozens
    tens millions third half part some many most all several delegation team unit units
    column convoy band leaders leader kg kilogram kilograms ton tons tonne tonnes pound
    pounds litre litres liter liters worth amount amounts quantity quantities bag bags box
    boxes truckload truckloads crate crates lot lots series
    """)
)
# Instruments that give an ASSAULT its mode.
INSTRUMENT_MODES: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "bomb bombs bombing explosive explosives device devices mine mines minefield"
            " ied explosion explosions grenade grenades"
        ),
        "explosives",
    ),
    **dict.fromkeys(
        _words(
            "airstrike airstrikes aircraft jet jets warplane warplanes helicopter"
            " helicopters gunship gunships plane planes"
        ),
        "aerial",
    ),
    **dict.fromkeys(_words("drone drones predator"), "drone"),
    **dict.fromkeys(
        _words("artillery shell shells tank tanks rocket rockets mortar mortars missile missiles"),
        "heavy-weapons",
    ),
    **dict.fromkeys(_words("gun guns gunfire rifle rifles bullet bullets gunmen"), "firearms"),
    **dict.fromkeys(_words("machete machetes knife knives stone stones axe"), "primitive"),
}

# Predicative adjectives of willingness: "remains open to talks", "is ready to help".
ADJECTIVES: dict[str, Trigger] = {
    "ready": _t("AGREE", None, "", obj=False, complement=True),
    "willing": _t("AGREE", None, "", obj=False, complement=True),
    "prepared": _t("AGREE", None, "", obj=False, complement=True),
    "open": _t("AGREE", None, "", obj=False, complement=True),
    "committed": _t("AGREE", None, "", obj=False, complement=True),
    "opposed": _t("REJECT", None, "", obj=False, complement=True),
}

# Words that put the event they govern in the future: "plans to visit", "is set to meet".
FUTURE_GOVERNORS = frozenset(
    _words("plan intend aim prepare expect schedule set hope seek want mean")
)
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
HYPOTHETICAL_AUXILIARIES = frozenset({"could", "may", "might", "should", "must"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "n’t"})
# Advmods that make an event the earlier one of its kind: "last spoke in December 2022".
PREVIOUS_MARKERS = frozenset({"last", "previously", "earlier", "once", "before"})

# Nouns of an earlier event of a kind, used to bind "initiated by X" to a call: "the call,
# which was initiated by the German side".
INITIATE_VERBS = frozenset({"initiate", "request", "arrange", "propose", "seek"})
CALL_NOUNS = frozenset(
    _words("call conversation talk talks meeting exchange contact visit summit phone")
)

# Evaluative words that make an attributed statement an accusation against whoever owns the
# thing evaluated: "NATO's aggressive policy", "unfriendly policies implemented by Berlin".
NEGATIVE_EVALUATION = frozenset(
    _words("""
    aggressive unfriendly hostile illegal illegitimate criminal provocative reckless
    irresponsible destabilizing destabilising belligerent expansionist unlawful brutal
    barbaric genocidal terrorist imperialist inhumane
    """)
)
ACCUSATION_NOUNS = frozenset(
    _words("""
    aggression provocation crime crimes atrocity atrocities violation violations interference
    meddling occupation blackmail
    """)
)

# PLOVER sector codes for the head noun of an actor phrase ("Israeli soldiers" -> MIL).
SECTOR_BY_NOUN: dict[str, str] = {
    **dict.fromkeys(
        _words("""
        army military troop troops soldier soldiers force forces navy marine marines jet jets
        warplane warplanes aircraft tank tanks helicopter helicopters gunship gunships warship
        warships peacekeeper peacekeepers paratrooper paratroopers artillery militiaman bulldozers
        militiamen commander commanders drone drones officer officers battalion brigade
        """),
        "MIL",
    ),
    **dict.fromkeys(_words("police policeman policemen gendarme gendarmes patrol cop cops"), "COP"),
    **dict.fromkeys(
        _words("""
        rebel rebels guerrilla guerrillas guerilla guerillas insurgent insurgents militant
        militants separatist separatists fighter fighters gunman gunmen militia militias
        extremist extremists terrorist terrorists bomber bombers
        """),
        "REB",
    ),
    **dict.fromkeys(
        _words("""
        government authority authorities official officials ministry minister ministers
        cabinet administration regime leadership diplomat diplomats embassy delegation
        negotiator negotiators president premier chancellor spokesman spokeswoman king
        emir prime counterpart counterparts embassy
        """),
        "GOV",
    ),
    **dict.fromkeys(
        _words("""
        parliament parliamentarian parliamentarians lawmaker lawmakers legislator legislators
        legislature congress senate senator senators assembly deputy deputies mp mps
        """),
        "LEG",
    ),
    **dict.fromkeys(_words("court courts judge judges judiciary prosecutor prosecutors"), "JUD"),
    **dict.fromkeys(_words("opposition dissident dissidents activist activists"), "OPP"),
    **dict.fromkeys(_words("party parties"), "PTY"),
    **dict.fromkeys(
        _words("""
        civilian civilians protester protesters protestor protestors demonstrator demonstrators
        resident residents villager villagers people citizen citizens youth youths settler
        settlers crowd crowds immigrant immigrants population
        """),
        "CVL",
    ),
    **dict.fromkeys(_words("student students teacher teachers university"), "EDU"),
    **dict.fromkeys(_words("refugee refugees"), "REF"),
    **dict.fromkeys(_words("worker workers union unions"), "LAB"),
    **dict.fromkeys(_words("farmer farmers"), "AGR"),
    **dict.fromkeys(_words("businessman businessmen company firm companies"), "BUS"),
    **dict.fromkeys(
        _words("journalist journalists reporter reporters newspaper newspapers media"), "JRN"
    ),
    **dict.fromkeys(_words("doctor doctors hospital"), "MED"),
    **dict.fromkeys(_words("intelligence spy spies"), "SPY"),
    **dict.fromkeys(_words("prisoner prisoners detainee detainees hacker hackers"), "CRM"),
    **dict.fromkeys(_words("serviceman servicemen"), "MIL"),
    **dict.fromkeys(_words("missionary missionaries priest priests imam imams"), "REL"),
    **dict.fromkeys(_words("church clergy bishop archbishop cleric clerics"), "REL"),
}

# Demonyms, plurals and places missing from the shared gazetteer (lower case).
EXTRA_COUNTRY_WORDS: dict[str, str | None] = {
    "liberian": "LBR",
    "liberians": "LBR",
    "ugandan": "UGA",
    "rwandan": "RWA",
    "burundian": "BDI",
    "zambian": "ZMB",
    "beninese": "BEN",
    "serb": "SRB",
    "serbs": "SRB",
    "macedonian": "MKD",
    "macedonia": "MKD",
    "haitian": "HTI",
    "fijian": "FJI",
    "kyrgyz": "KGZ",
    "montenegrin": "MNE",
    "soviet": "RUS",
    "soviet union": "RUS",
    "moscow": "RUS",
    "congolese": "COD",
    "ivorian": "CIV",
    "ivory coast": "CIV",
    "mozambican": "MOZ",
    "angolan": "AGO",
    "palestinians": "PSE",
    "israelis": "ISR",
    "iraqis": "IRQ",
    "afghans": "AFG",
    "kurds": None,  # a people across several states: no country
    "gaza": "PSE",
    "gaza strip": "PSE",
    "west bank": "PSE",
    "hamas": "PSE",
    "hezbollah": "LBN",
    "hizbollah": "LBN",
    "taliban": "AFG",
    "plo": "PSE",
    "tel aviv": "ISR",
    "abidjan": "CIV",
    "monrovia": "LBR",
    "dili": "TLS",
    "east timor": "TLS",
    "kampuchea": "KHM",
    "kampuchean": "KHM",
    "cambodian": "KHM",
    "yugoslavia": "SRB",
    "yugoslav": "SRB",
    "kosovo": "XKX",
    "tanzanian": "TZA",
    "ethiopian": "ETH",
    "eritrean": "ERI",
    "gambian": "GMB",
    "senegalese": "SEN",
    "mauritanian": "MRT",
    "nepalese": "NPL",
    "nepali": "NPL",
    "sri lankan": "LKA",
    "lithuanian": "LTU",
    "latvian": "LVA",
    "estonian": "EST",
    "georgian": "GEO",
    "uzbek": "UZB",
    "tajik": "TJK",
    "chadian": "TCD",
    "malian": "MLI",
    "nigerien": "NER",
    "sierra leonean": "SLE",
    "guinean": "GIN",
    "togolese": "TGO",
    "zimbabwean": "ZWE",
    "namibian": "NAM",
    "bulgarian": "BGR",
    "slovenian": "SVN",
    "slovene": "SVN",
    "croat": "HRV",
    "croats": "HRV",
    "croatian": "HRV",
    "danish": "DNK",
    "dutch": "NLD",
    "swiss": "CHE",
    "quatar": "QAT",
    "qatari": "QAT",
    "emirati": "ARE",
    "emirates": "ARE",
    "kuwaiti": "KWT",
    "omani": "OMN",
    "bahraini": "BHR",
    "taiwanese": "TWN",
    "taiwan": "TWN",
    "hong kong": "HKG",
    "tibetan": "CHN",
    "panamanian": "PAN",
    "peruvian": "PER",
    "nicaraguan": "NIC",
    "salvadoran": "SLV",
    "guatemalan": "GTM",
    "honduran": "HND",
    "ecuadorian": "ECU",
    "bolivian": "BOL",
    "paraguayan": "PRY",
    "uruguayan": "URY",
    "cuban": "CUB",
    "dominican": "DOM",
    "jamaican": "JAM",
    "trinidad": "TTO",
    "filipino": "PHL",
    "phillippines": "PHL",
    "philippine": "PHL",
    "indonesian": "IDN",
    "malaysian": "MYS",
    "thai": "THA",
    "laotian": "LAO",
    "bangladeshi": "BGD",
    "nk": "PRK",
    "dprk": "PRK",
    "prc": "CHN",
    "u.s.": "USA",
    "u.s": "USA",
    "us": "USA",  # matched only as upper-case "US"
    "uk": "GBR",
    "u.k.": "GBR",
    "britain": "GBR",
    "america": "USA",
    "kabul": "AFG",
    "khartoum": "SDN",
    "darfur": "SDN",
    "chechnya": "RUS",
    "chechen": "RUS",
    "kurdistan": "IRQ",
    "basra": "IRQ",
    "samarra": "IRQ",
    "kirkuk": "IRQ",
    "hebron": "PSE",
    "jericho": "PSE",
    "rafah": "PSE",
    "tulkarm": "PSE",
    "lagos": "NGA",
    "sivas": "TUR",
    "cizre": "TUR",
    "geneva": "CHE",
    "krajina": "HRV",
    "gorazde": "BIH",
    "sarajevo": "BIH",
}


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
