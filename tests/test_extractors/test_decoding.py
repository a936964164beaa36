"""Bytes → text: decoded when certain, else reported; never garbled."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors.decoding import (
    DecodingError,
    clean_text,
    declared_charset,
    decode_bytes,
    display_name,
    sniff_binary,
)

AR = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو ترفض الخطة الأمريكية وتدعو إلى الحوار."
FR = "Le ministre a déclaré jeudi que la France soutient la coalition, a-t-il ajouté à Genève."
EN = "The minister said on Thursday that Britain’s £5m plan was “a good start”."
RU = "Министр иностранных дел заявил, что Москва отвергает план и призывает к переговорам."
EL = "Ο υπουργός Εξωτερικών δήλωσε ότι η κυβέρνηση υποστηρίζει τη συμφωνία."


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        (AR, "utf-8", "utf-8"),
        (AR, "utf-8-sig", "UTF-8"),
        (AR, "utf-16", "UTF-16"),
        (FR, "utf-16-be", None),  # no BOM: reported below
        (FR, "utf-32", "UTF-32"),
        (AR, "cp1256", "windows-1256"),
        (FR, "cp1252", "windows-1252"),
        (FR, "latin-1", "windows-1252"),
        (EN, "cp1252", "windows-1252"),
    ],
)
def test_decodes_what_it_can_be_sure_of(text: str, codec: str, name: str | None) -> None:
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
        name = "UTF-16"
    assert decode_bytes(data) == (text, name)


@pytest.mark.parametrize(
    ("text", "codec", "words"),
    [
        (RU, "cp1251", "could not be determined"),
        (RU, "koi8_r", "could not be determined"),
        (EL, "cp1253", "could not be determined"),
        (AR, "iso-8859-6", "could not be determined"),
        (AR, "cp720", "could not be determined"),
        (FR, "cp850", "could not be determined"),
        (FR, "mac_roman", "could not be determined"),
        (FR, "utf-16-le", "UTF-16 without a byte-order mark"),
        (AR, "utf-16-le", "UTF-16 without a byte-order mark"),
    ],
)
def test_reports_what_it_cannot_be_sure_of(text: str, codec: str, words: str) -> None:
    with pytest.raises(DecodingError, match=words):
        decode_bytes(text.encode(codec))


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive or an Office document"),
        (b"\x1f\x8b\x08\x00", "gzip-compressed data"),
        (b"\x7fELF\x02\x01", "an executable"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"text\x00with NUL", "NUL bytes"),
        (bytes(range(1, 9)) * 10, "control bytes"),
        (b"BMW rejected the plan", None),
        (b"MZ: an ordinary line", None),
        ("\ufeffالخطة".encode("utf-16"), None),
    ],
)
def test_sniff_binary(head: bytes, kind: str | None) -> None:
    assert sniff_binary(head) == kind


def test_binary_files_are_reported_not_decoded() -> None:
    with pytest.raises(DecodingError, match=r"binary file \(a PDF document\)"):
        decode_bytes(b"%PDF-1.7\n" + bytes(range(256)))


def test_a_bad_bom_is_reported() -> None:
    with pytest.raises(DecodingError, match="not valid UTF-16"):
        decode_bytes(b"\xff\xfe" + b"a\x00b")  # odd number of bytes


def test_html_declared_charset() -> None:
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{AR}</p></body></html>'
    assert declared_charset(page.encode("cp1256")) == "cp1256"
    assert decode_bytes(page.encode("cp1256"), html=True) == (page, "windows-1256")
    # a declared codec that is not a text encoding is not obeyed
    hostile = b'<meta charset="base64"><p>' + AR.encode("cp1256") + b"</p>"
    assert decode_bytes(hostile, html=True)[1] == "windows-1256"


def test_clean_text_keeps_offsets() -> None:
    text = "a\ud800b\udfffc🙂"
    out = clean_text(text)
    assert len(out) == len(text) and out == "a\ufffdb\ufffdc🙂"
    out.encode("utf-8")


def test_display_name() -> None:
    assert display_name("report\udcff.txt") == "report\\xff.txt"
    assert display_name("a\nb\x1b.txt") == "a\\nb\\x1b.txt"
    assert display_name("تقرير.txt") == "تقرير.txt"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_decode_or_are_reported(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except DecodingError as exc:
        assert "\n" not in str(exc)
        return
    text.encode("utf-8")  # always writable
    if name == "utf-8":
        assert text == data.decode("utf-8").lstrip("\ufeff")


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


ARABIC_TEXT = st.lists(
    st.sampled_from(
        [chr(c) for c in range(0x0621, 0x064B) if c not in range(0x063B, 0x0641)]
        + list(" ،.؟!:0123456789\n«»()-")
        + ["ال", "في ", "من "]
    ),
    min_size=1,
    max_size=200,
).map("".join)
FRENCH_TEXT = st.lists(
    st.sampled_from(
        list(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ éèêàâçôîïùûëœÉÈÀÇ,.;:!?'’«»-0123"
        )
        + ["\n", "le ", "la ", "les ", "de ", "et "]
    ),
    min_size=1,
    max_size=200,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(ARABIC_TEXT)
def test_arabic_windows_1256_is_never_garbled(text: str) -> None:
    """Arabic text in Windows-1256 is read as written, or reported: never misread (a few
    characters can make valid UTF-8 by chance, which is read as UTF-8)."""
    data = text.encode("cp1256")
    assume(not _utf8(data))
    try:
        decoded, _ = decode_bytes(data)
    except DecodingError:
        return
    assert decoded == text


@settings(max_examples=150, deadline=None)
@given(FRENCH_TEXT, st.sampled_from(["cp1252", "latin-1"]))
def test_french_latin_1_is_never_garbled(text: str, codec: str) -> None:
    """French text in Latin-1 or Windows-1252 is read as written, or reported."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # œ and ’ are not Latin-1
    assume(not _utf8(data))
    try:
        decoded, _ = decode_bytes(data)
    except DecodingError:
        return
    assert decoded == text
