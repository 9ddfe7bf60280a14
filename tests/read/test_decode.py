import pytest

from workbench.read.decode import InputError, decode


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


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_with_a_warning(codec):
    text = "Envoys meet in Lindenport\n\nThe envoy of Freedonia said the talks went well.\n"
    decoded, warning = decode(text.encode(codec))
    assert decoded == text
    assert "UTF-16" in warning and "no byte-order mark" in warning


def test_binary_with_nul_bytes_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 40)
