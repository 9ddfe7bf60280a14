import pytest

from workbench.readers.decode import InputError, decode


def test_utf8_bom_removed():
    assert decode("\ufeffHello".encode()) == ("Hello", None)


def test_legacy_encoding_is_decoded_with_a_warning():
    text, warning = decode("Café talks in Paris, a naïve plan.".encode("cp1252"))
    assert text == "Café talks in Paris, a naïve plan."
    assert "not valid UTF-8" in warning


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"GIF89a\x00\x01\x00", "binary")],
)
def test_unusable_content(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)
