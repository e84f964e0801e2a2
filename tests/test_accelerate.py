"""The fast attribute ruler and lemmatizer give spaCy's own annotations exactly."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG

from conftest import EXAMPLE
from onrecord.pipeline.accelerate import FastAttributeRuler, FastEnglishLemmatizer, accelerate
from onrecord.pipeline.spacy_model import model_package

TEXTS = [
    EXAMPLE.read_text(encoding="utf-8"),
    "I ain't gonna say it. Gon na wait, wanna go? They're leaving 'cause it's late.",
    'The ministers met on Monday.\n\nShe said: "We\'ll see."  Prices rose 3% in U.S. markets.',
    "Running runners ran; better, best, worse. The mice were fed by geese.",
]


def test_fast_components_give_the_same_annotations():
    plain = spacy.load(model_package())
    fast = accelerate(spacy.load(model_package()))
    assert type(fast.get_pipe("attribute_ruler")) is FastAttributeRuler
    assert type(fast.get_pipe("lemmatizer")) is FastEnglishLemmatizer
    assert fast.pipe_names == plain.pipe_names
    columns = [TAG, POS, MORPH, LEMMA]
    for _ in range(2):  # the second round runs from the lemma cache
        for text in TEXTS:
            assert (fast(text).to_array(columns) == plain(text).to_array(columns)).all(), text


def test_added_patterns_are_used():
    nlp = accelerate(spacy.load(model_package()))
    ruler = nlp.get_pipe("attribute_ruler")
    assert nlp("Zorblat spoke.")[0].lemma_ != "zorb"
    ruler.add([[{"LOWER": "zorblat"}]], {"LEMMA": "zorb"})
    assert nlp("Zorblat spoke.")[0].lemma_ == "zorb"
