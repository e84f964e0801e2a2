"""Faster drop-in versions of two spaCy components onrecord needs, same output to the bit.

Profiling the pipeline over the PolNeAR dev articles (docs/benchmarks.md) put a fifth of
spaCy's time in two rule components: the attribute ruler (its Matcher tries all 179 patterns
at every token, though 160 of them test only one token's tag and lower-case form) and the
rule lemmatizer (a Python method call per token). Here the single-token patterns become
table look-ups keyed on (tag, lower) hashes and the rest stay with a Matcher; the lemmatizer
keeps spaCy's own lemmatize() and cache, and only skips work for tokens seen before.

:func:`accelerate` swaps the classes of the loaded components in place, so the pipeline's
config, its serialisation and its results are unchanged (tests compare both on real text).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

_SIMPLE_KEYS = frozenset({"TAG", "LOWER"})


def _values(constraint: Any) -> list[str] | None:
    """The accepted values of an exact or IN constraint; None for anything else."""
    if isinstance(constraint, str):
        return [constraint]
    if isinstance(constraint, dict) and set(constraint) == {"IN"}:
        return [v for v in constraint["IN"] if isinstance(v, str)]
    return None


class FastAttributeRuler(AttributeRuler):
    """AttributeRuler whose one-token (TAG / LOWER) patterns are dictionary look-ups."""

    _index: dict[tuple[int, int], list[int]] | None = None
    _rest: Matcher | None = None

    def _build(self) -> None:
        index: dict[tuple[int, int], list[int]] = defaultdict(list)
        rest = Matcher(self.vocab)
        strings = self.vocab.strings
        for attr_id in range(len(self.attrs)):
            key = strings[str(attr_id)]
            patterns = self.matcher.get(key)[1]
            for pattern in patterns:
                simple = len(pattern) == 1 and set(pattern[0]) <= _SIMPLE_KEYS
                tags = _values(pattern[0].get("TAG", "")) if simple else None
                lowers = _values(pattern[0].get("LOWER", "")) if simple else None
                if tags is None or lowers is None:
                    rest.add(key, [pattern])
                    continue
                for tag in tags:
                    for lower in lowers:
                        index[(strings[tag] if tag else 0, strings[lower] if lower else 0)].append(
                            attr_id
                        )
        self._index = dict(index)
        self._rest = rest

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._index is None or self._rest is None:
            self._build()
        assert self._index is not None and self._rest is not None
        strings = self.vocab.strings
        found = {
            (int(strings[m_id]), m_id, s, e)
            for m_id, s, e in self._rest(doc, allow_missing=True, as_spans=False)
        }
        ids = [strings[str(i)] for i in range(len(self.attrs))]
        index = self._index
        for i, (tag, lower) in enumerate(doc.to_array([TAG, LOWER]).tolist()):
            for key in ((tag, lower), (tag, 0), (0, lower)):
                for attr_id in index.get(key, ()):
                    found.add((attr_id, ids[attr_id], i, i + 1))
        return sorted(found)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self._index = None  # patterns changed: rebuild the tables on next use
        super().add(*args, **kwargs)


#: Entries in each lemma cache (this module's and spaCy's own) before it is emptied: both
#: grow with every new (form, POS, morphology) of a corpus, which on a long-lived worker is
#: memory without end. ~250 bytes an entry; a refill costs one lemmatize() per new key.
LEMMA_CACHE_LIMIT = 100_000


class FastEnglishLemmatizer(EnglishLemmatizer):
    """The rule lemmatizer, reusing the lemma of a (form, POS, morphology) seen before: the
    three decide spaCy's rules entirely (they are its own cache key).

    The cache keeps lemma strings, not their hashes: inside spaCy's ``memory_zone`` the
    strings a document adds are freed at the end, so a hash kept past it could name a string
    the store no longer has (the keys are hashes of the form and morphology, which stay the
    same whenever the string comes back)."""

    _lemma_of: dict[tuple[int, int, int], str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite:
            return super().__call__(doc)
        if not self._validated:
            return super().__call__(doc)  # validates the tables, then the usual way
        if self._lemma_of is None or len(self._lemma_of) > LEMMA_CACHE_LIMIT:
            self._lemma_of = {}
        if len(self.cache) > LEMMA_CACHE_LIMIT:
            self.cache = {}
        lemma_of = self._lemma_of
        add = self.vocab.strings.add
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                form = lemma_of.get(key)
                if form is None:
                    form = lemma_of[key] = self.lemmatize(doc[i])[0]
                lemma = add(form)
            lemmas.append(lemma)
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


def accelerate(nlp: Language) -> Language:
    """Swap in the fast versions where ``nlp`` has exactly spaCy's own classes."""
    for _name, proc in nlp.pipeline:
        if type(proc) is AttributeRuler:
            proc.__class__ = FastAttributeRuler
        elif type(proc) is EnglishLemmatizer:
            proc.__class__ = FastEnglishLemmatizer
    return nlp
