"""Word lists that encode newsroom language: reporting cues, titles, institutional speakers.

Kept in one module so that every rule that depends on vocabulary reads it from one place.
"""

from __future__ import annotations

# Reporting verbs whose clausal complement (ccomp) is reported content. Breadth matters: news
# attributes with far more than "say". Beliefs and intentions are included because readers
# (and PolNeAR) treat "X believes that ..." as X's account too.
CLAUSAL_CUES = frozenset(
    """
    say tell add note confirm insist urge accuse warn claim deny stress report state announce
    explain argue assert declare suggest write tweet post reply respond answer ask acknowledge
    admit concede agree disclose reveal mention remark observe comment complain boast brag
    predict promise pledge vow vouch swear testify allege maintain contend emphasize emphasise
    underline reiterate repeat recall recount describe indicate signal hint imply point
    concur object protest proclaim tout assure reassure remind inform caution
    believe think feel hope fear expect know doubt worry suspect guess reckon estimate
    acknowledge recognize recognise conclude find show demonstrate prove determine decide
    rule order demand propose recommend advise counter retort quip joke muse wonder
    speculate forecast project calculate figure insist lament regret threaten
    agree dispute contest question challenge criticize criticise charge blame
    acknowledge confide whisper shout yell cry scream exclaim murmur mutter
    announce broadcast publish cite quote brief
    """.split()
)

# Verbs whose infinitival complement (xcomp) is the content: "urged Putin to end ...".
XCOMP_CUES = frozenset(
    """
    urge ask tell call warn promise pledge vow threaten order demand encourage advise
    implore beg invite instruct request press push appeal
    """.split()
)

# Verb + preposition pairs whose object is the content: "spoke of Berlin's determination".
PREPOSITION_CUES: dict[str, frozenset[str]] = {
    "speak": frozenset({"of"}),
    "talk": frozenset({"of"}),
    "insist": frozenset({"on", "upon"}),
    "warn": frozenset({"of", "against", "about"}),
    "call": frozenset({"for"}),
    "accuse": frozenset({"of"}),
    "complain": frozenset({"about", "of"}),
    "boast": frozenset({"of", "about"}),
    "vow": frozenset({"to"}),
    "press": frozenset({"for"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "appeal": frozenset({"for"}),
}

# Verbs whose direct object is what was said or thought: "cited derogatory comments",
# "called his supporters deplorables", "criticized the law as a crazy system".
OBJECT_CUES = frozenset(
    """
    cite mention criticize criticise condemn blast slam denounce praise describe propose
    claim deny acknowledge announce call liken reject dismiss decry lament reiterate repeat
    tout welcome applaud hail question dispute blame recommend demand defend endorse
    """.split()
)

# Verbs of intention whose infinitive is the content: "She wants to triple the program".
INTENTION_CUES = frozenset("want plan hope intend aim seek vow promise pledge".split())

# Nouns that report an account when a that-clause follows: "Trump's claim that ...".
NOUN_CUES = frozenset(
    """
    claim statement assertion allegation argument belief view warning promise pledge
    suggestion charge accusation insistence remark comment announcement prediction fear hope
    assurance message admission denial report contention conviction complaint vow threat
    """.split()
)

# Verbs that take the addressee as direct object: "told Scholz that ...".
ADDRESSEE_OBJECT_CUES = frozenset(
    "tell urge ask warn remind assure reassure inform advise caution brief accuse press "
    "implore beg instruct order".split()
)

# Words that make a noun phrase a person's office: "Russian President", "government spokesman".
TITLE_WORDS = frozenset(
    """
    president chancellor minister premier spokesman spokeswoman spokesperson secretary senator
    sen. rep. representative congressman congresswoman governor gov. mayor ambassador envoy
    king queen prince princess emperor pope chairman chairwoman chair ceo director chief
    general gen. admiral commander lieutenant lt. colonel col. captain sergeant officer
    leader candidate nominee speaker aide adviser advisor counsel attorney judge justice
    prosecutor commissioner deputy foreign defense defence interior finance prime vice
    mr. mrs. ms. dr. sir lady lord rev. professor prof. pollster strategist analyst
    diplomat official press
    """.split()
)

# Heads of phrases that denote a government when a country modifies them: "German officials".
GOVERNMENT_HEADS = frozenset(
    """
    official side government authority authorities administration leadership delegation
    ministry diplomat cabinet regime negotiator leader
    """.split()
)

# Nouns for documents and channels that speak for whoever issued them.
DOCUMENT_HEADS = frozenset(
    """
    statement readout report release communique communiqué transcript memo letter document
    filing announcement account message post tweet website decree resolution
    """.split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
NONPERSON_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we"})

# PLOVER sector codes for a person's office.
SECTOR_BY_TITLE_WORD = {
    "general": "MIL",
    "gen.": "MIL",
    "admiral": "MIL",
    "commander": "MIL",
    "colonel": "MIL",
    "col.": "MIL",
    "lieutenant": "MIL",
    "lt.": "MIL",
    "captain": "MIL",
    "sergeant": "MIL",
    "senator": "LEG",
    "sen.": "LEG",
    "rep.": "LEG",
    "representative": "LEG",
    "congressman": "LEG",
    "congresswoman": "LEG",
    "speaker": "LEG",
    "judge": "JUD",
    "justice": "JUD",
    "prosecutor": "JUD",
    "ceo": "BUS",
    "chairman": "BUS",
    "candidate": "PTY",
    "nominee": "PTY",
    "pollster": "CVL",
    "strategist": "PTY",
    "analyst": "CVL",
    "professor": "EDU",
    "prof.": "EDU",
}
GOVERNMENT_TITLE_WORDS = frozenset(
    """
    president chancellor minister premier spokesman spokeswoman spokesperson secretary governor
    mayor ambassador envoy king queen prince emperor diplomat official foreign prime
    """.split()
)
