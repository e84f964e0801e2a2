"""onrecord as spaCy components: each stage alone, the whole pipeline, batches and streams."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import onrecord
from conftest import EXAMPLE, SHARED
from onrecord.pipeline import components, extensions
from onrecord.pipeline.batching import char_batches
from onrecord.pipeline.spacy_model import load_model

DEV_TEXTS = SHARED / "data" / "polnear" / "dev" / "text"
KREMLIN = "The Kremlin said the talks were useful.\nPutin met Scholz in Berlin on Monday."


def _blank_with(*stages: str) -> spacy.language.Language:
    nlp = spacy.blank("en")
    for stage in stages:
        nlp.add_pipe(stage)
    return nlp


# Components, one at a time ---------------------------------------------------------------------


def test_sections_component_on_a_blank_pipeline():
    nlp = _blank_with("onrecord_sections")
    doc = nlp.make_doc("Putin speaks to Scholz\n\nThe Kremlin said talks were useful.")
    extensions.set_metadata(doc, {"id": "d1", "published": "2024-11-15", "source": "RT"})
    document = nlp(doc)._.onrecord_document
    assert (document.id, document.published, document.source) == ("d1", "2024-11-15", "RT")
    assert [(s.kind, s.start, s.end) for s in document.sections] == [
        ("headline", 0, 22),
        ("body", 24, 59),
    ]


def test_quotations_component_on_a_blank_pipeline():
    doc = _blank_with("onrecord_quotations")("He said “we are ready” and ‘fine’.")
    assert [(q.open, q.close) for q in doc._.quotations] == [(8, 21), (27, 32)]


def test_paragraph_breaks_component_sets_sentence_starts():
    doc = _blank_with("onrecord_paragraph_breaks")("Headline here\nBody text follows")
    assert [t.text for t in doc if t.is_sent_start] == ["Headline", "Body"]


def test_entities_attributions_events_components_on_the_real_parse():
    nlp = onrecord.load()
    doc = nlp(KREMLIN)
    names = sorted(e.name for e in doc._.entity_index.entities)
    assert names == ["Berlin", "Putin", "Russian government", "Scholz"]
    [attribution] = doc._.attributions
    assert doc._.entity_index.get(attribution.speaker).name == "Russian government"
    assert attribution.content[0].text == "the talks were useful"
    assert [(e.type, e.trigger.text) for e in doc._.events] == [("CONSULT", "met")]
    assert [e.name for e in doc._.speakers] == ["Russian government"]
    record = doc._.onrecord
    assert isinstance(record, onrecord.Record)
    assert record.attributions is doc._.attributions
    assert record.events is doc._.events


def test_record_getter_is_none_before_the_stages_ran():
    doc = spacy.blank("en")("Nothing ran.")
    assert doc._.onrecord is None
    assert doc._.speakers is None


def test_factories_declare_what_they_assign_and_require():
    meta = spacy.language.Language.get_factory_meta
    assert meta("onrecord_attributions").assigns == ["doc._.attributions"]
    assert "doc._.quotations" in meta("onrecord_attributions").requires
    assert meta("onrecord_events").assigns == ["doc._.events"]
    assert "doc.ents" in meta("onrecord_entities").requires
    assert meta("onrecord_sections").assigns == ["doc._.onrecord_document"]


def test_scope_is_checked_in_the_component_config():
    with pytest.raises(ValueError, match="scope must be one of speech, all"):
        _blank_with().add_pipe("onrecord_attributions", config={"scope": "everything"})


def test_unknown_metadata_keys_are_rejected():
    doc = spacy.blank("en")("text")
    with pytest.raises(ValueError, match="unknown metadata key"):
        extensions.set_metadata(doc, {"publish": "2024-01-01"})


# The whole pipeline ------------------------------------------------------------------------------


def test_load_gives_the_ordered_pipeline():
    names = onrecord.load().pipe_names
    assert names[names.index("parser") - 1] == "onrecord_paragraph_breaks"
    assert names[-6:] == [*components.STAGES, "onrecord"]


def test_add_pipe_on_a_fresh_model_gives_the_same_record():
    nlp = load_model()
    assert "onrecord_paragraph_breaks" not in nlp.pipe_names
    nlp.add_pipe("onrecord")
    assert nlp.pipe_names == onrecord.load().pipe_names
    text = EXAMPLE.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    extensions.set_metadata(doc, {"id": "call", "published": "2024-11-15"})
    mine = nlp(doc)._.onrecord
    expected = onrecord.analyze(text, published="2024-11-15", doc_id="call")
    assert mine.to_dict() == expected.to_dict()
    assert len(mine.attributions) == 19


def test_analyze_many_equals_analyze_one_by_one_and_keeps_each_date():
    text = EXAMPLE.read_text(encoding="utf-8")
    monday = "Britain deployed 1,000 troops to Estonia on Monday."
    items = [
        (text, {"id": "call", "published": "2024-11-15"}),
        (monday, {"id": "m1", "published": "2024-03-15"}),
        (monday, {"id": "m2", "published": "2024-03-22"}),
        "The Kremlin said the talks were useful.",
    ]
    batched = list(onrecord.analyze_many(items, batch_size=2))
    single = [
        onrecord.analyze(text, published="2024-11-15", doc_id="call"),
        onrecord.analyze(monday, published="2024-03-15", doc_id="m1"),
        onrecord.analyze(monday, published="2024-03-22", doc_id="m2"),
        onrecord.analyze("The Kremlin said the talks were useful."),
    ]
    assert [r.to_dict() for r in batched] == [r.to_dict() for r in single]
    assert [r.events[0].date.value for r in batched[1:3]] == ["2024-03-11", "2024-03-18"]
    assert [r.document.id for r in batched] == ["call", "m1", "m2", "document"]


def test_analyze_many_scope_per_document():
    text = "The leaders discussed the crisis in Ukraine at length."
    speech, everything = onrecord.analyze_many([text, (text, {"scope": "all"})])
    assert speech.attributions == []
    assert [a.content[0].text for a in everything.attributions] == ["the crisis in Ukraine"]


@pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason="PolNeAR dev not present at ../shared")
def test_analyze_many_equals_analyze_on_the_dev_articles():
    files = sorted(DEV_TEXTS.glob("*.txt"))
    texts = [(f.read_text(encoding="utf-8"), {"id": f.stem}) for f in files]
    batched = onrecord.analyze_many(texts, batch_size=16, batch_chars=60_000)
    for (text, meta), record in zip(texts, batched, strict=True):
        assert record.to_dict() == onrecord.analyze(text, doc_id=meta["id"]).to_dict(), meta


def test_one_failing_document_costs_only_itself(monkeypatch):
    real = components.code_events

    def fragile(doc, *args):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot code this")
        return real(doc, *args)

    monkeypatch.setattr(components, "code_events", fragile)
    items = [("Putin met Scholz.", {"id": "a"}), ("BOOM said nothing.", {"id": "b"}), "Fine."]
    results = list(onrecord.analyze_many(items, errors="return"))
    assert isinstance(results[0], onrecord.Record)
    assert isinstance(results[1], onrecord.AnalysisError)
    assert str(results[1]) == "b: analysis failed: RuntimeError: cannot code this"
    assert isinstance(results[2], onrecord.Record)
    with pytest.raises(onrecord.AnalysisError, match="b: analysis failed"):
        list(onrecord.analyze_many(items))


def test_analyze_many_in_two_processes_gives_the_same_records():
    texts = [f"Minister {n} said the talks in Geneva were useful." for n in "ABCDEF"]
    here = [r.to_dict() for r in onrecord.analyze_many(texts)]
    there = [r.to_dict() for r in onrecord.analyze_many(texts, n_process=2, batch_size=2)]
    assert there == here


def test_analyze_many_rejects_bad_arguments():
    with pytest.raises(TypeError, match="text must be str"):
        list(onrecord.analyze_many([b"bytes"]))  # type: ignore[list-item]
    with pytest.raises(ValueError, match="n_process"):
        list(onrecord.analyze_many(["a"], n_process=0))
    with pytest.raises(ValueError, match="scope"):
        list(onrecord.analyze_many(["a"], scope="most"))


# Batches ---------------------------------------------------------------------------------------


@given(
    st.lists(st.text(max_size=30), max_size=40),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=1, max_value=60),
)
def test_char_batches_keep_order_and_bounds(texts, max_docs, max_chars):
    batches = list(char_batches(texts, max_docs=max_docs, max_chars=max_chars))
    assert [t for b in batches for t in b] == texts
    for batch in batches:
        assert 1 <= len(batch) <= max_docs
        assert len(batch) == 1 or sum(map(len, batch)) <= max_chars


def test_a_long_document_is_a_batch_of_its_own():
    assert list(char_batches(["ab", "x" * 50, "cd", "ef"], max_chars=10)) == [
        ["ab"],
        ["x" * 50],
        ["cd", "ef"],
    ]


_BREAKS = _blank_with("onrecord_paragraph_breaks")


def _naive_breaks(doc):
    """The definition: a token after one whose text or trailing space holds a line break."""
    return [i for i in range(1, len(doc)) if "\n" in doc[i - 1].text_with_ws]


@given(st.lists(st.sampled_from(["a", "bc", " ", "\n", "\n\n", ".", " \n "]), max_size=40))
@settings(deadline=None)
def test_paragraph_breaks_match_their_definition(pieces):
    doc = _BREAKS("".join(pieces))
    got = [t.i for t in doc if t.is_sent_start and t.i > 0]
    assert got == _naive_breaks(doc)
