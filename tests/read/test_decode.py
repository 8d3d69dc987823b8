import pytest

from tidings.errors import EmptyDocument, NotText
from tidings.read.decode import decode, looks_binary


def test_utf8_passes_through_unchanged():
    text = "Sunday’s “protests” — café"
    assert decode(text.encode()) == (text, "utf-8", [])


def test_utf8_bom_is_dropped():
    assert decode("\ufeffHello".encode("utf-8"))[0] == "Hello"


def test_cp1252_is_detected():
    text = "The minister’s “final” offer was rejected by the union on Tuesday, officials said."
    decoded, encoding, notes = decode((text + "\n").encode("cp1252") * 3)
    assert text in decoded
    assert (encoding, notes) == ("cp1252", [])


def test_utf16_with_bom_is_text():
    decoded, encoding, _ = decode("Talks resume in Geneva today.".encode("utf-16"))
    assert encoding == "utf-16"
    assert "Talks resume in Geneva" in decoded


def test_invalid_bytes_never_crash():
    decoded, encoding, _ = decode(b"Police said \xff\xfe\xfa the rally was peaceful.\n" * 2)
    assert "rally was peaceful" in decoded
    assert encoding == "cp1252"  # every byte means something there


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n"])
def test_empty_documents_are_refused(raw):
    with pytest.raises(EmptyDocument, match="empty"):
        decode(raw)


def test_binary_documents_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert looks_binary(png)
    with pytest.raises(NotText, match="binary"):
        decode(png)


def test_cyrillic_code_page_is_not_taken_for_cp1252():
    text = "Президент России заявил о готовности к диалогу с новой администрацией."
    decoded, _, _ = decode(text.encode("cp1251"))
    assert decoded == text
