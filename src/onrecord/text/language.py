"""Which language a document is in (py3langid, which ships its model), and whether onrecord
can analyse it.

onrecord's rules, lexicon and model are English. A document identified with high confidence
as another language is not analysed (its record has no entities, attributions or events, and
says its language), so German words never become English speakers; callers report it. Texts
too short to tell (under :data:`MIN_LETTERS` letters) or identified with low confidence are
analysed as English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SUPPORTED = frozenset({"en"})
MIN_LETTERS = 100
MIN_CONFIDENCE = 0.95
SAMPLE_CHARS = 20_000  # identification reads the start of long documents


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of ``text``; ``("en", 0.0)`` when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "en", 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), float(confidence)


def document_language(text: str) -> str:
    """The language recorded for ``text``: the identified one when confident, else English."""
    code, confidence = identify(text)
    return code if confidence >= MIN_CONFIDENCE else "en"


def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found is not None else code


def unsupported_reason(code: str) -> str:
    """Why a document in language ``code`` was not analysed, for the user."""
    return (
        f"the text is in {language_name(code)} ({code}); onrecord analyses English only, "
        "so nothing was extracted"
    )
