"""Property: any stored name, however cased and with one typo, finds or suggests itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.model import Document, Record
from onrecord.store import Store, open_store
from onrecord.store.lookup import AmbiguousName, NameNotFound, match_actors
from store_helpers import attribution, entity

NAMES = [
    ("Vladimir Putin", "person"),
    ("Olaf Scholz", "person"),
    ("Steffen Hebestreit", "person"),
    ("Donald Trump", "person"),
    ("Xi Jinping", "person"),
    ("Emmanuel Macron", "person"),
    ("Ursula von der Leyen", "person"),
    ("Russian government", "government"),
    ("American government", "government"),
    ("European Union", "organization"),
    ("Reuters", "organization"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("lookup") / "store.db"
    with open_store(path) as opened:
        for n, (name, kind) in enumerate(NAMES):
            text = f"{name} said the talks were useful."
            said = attribution(text, "a1", "indirect", "e1", "the talks were useful", "said",
                               "say", name)  # fmt: skip
            record = Record(Document(f"d{n}", text), [entity(text, "e1", name, kind)], [said])
            opened.add_record(record, origin=f"d{n}")
        yield opened


def _actor_of(store: Store, name: str) -> int:
    with store.connect() as conn:
        return match_actors(conn, name).actor_ids[0]


CASINGS = [str.lower, str.upper, str.title, str.swapcase, lambda text: text]


@st.composite
def typed_names(draw: st.DrawFn) -> tuple[str, str]:
    name, _kind = draw(st.sampled_from(NAMES))
    cased = draw(st.sampled_from(CASINGS))(name)
    edit = draw(st.sampled_from(["none", "delete", "replace", "insert", "swap"]))
    if edit == "none":
        return name, cased
    at = draw(st.integers(0, len(cased) - 1))
    letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    if edit == "delete":
        typed = cased[:at] + cased[at + 1 :]
    elif edit == "replace":
        typed = cased[:at] + letter + cased[at + 1 :]
    elif edit == "insert":
        typed = cased[:at] + letter + cased[at:]
    else:
        at = min(at, len(cased) - 2)
        typed = cased[:at] + cased[at + 1] + cased[at] + cased[at + 2 :]
    return name, typed


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed_names())
def test_a_stored_name_with_one_typo_finds_or_suggests_itself(
    store: Store, case: tuple[str, str]
) -> None:
    name, typed = case
    wanted = _actor_of(store, name)
    with store.connect() as conn:
        try:
            found = match_actors(conn, typed).actor_ids
        except NameNotFound as missed:
            found = tuple(i for sug in missed.suggestions for i in sug.actor_ids)
            assert missed.suggestions, typed
            assert missed.suggestions[0].actor_ids == (wanted,), (typed, missed.suggestions)
        except AmbiguousName as ambiguous:
            found = tuple(ambiguous.actor_ids)
    assert wanted in found, (typed, found)
