"""Bytes → text: which files are text, and in which encoding, decided only when it is sure.

A document is decoded as, in order:

1. UTF-8, UTF-16 or UTF-32 when the file starts with a byte-order mark;
2. UTF-8 when the bytes are valid UTF-8 (ASCII is UTF-8);
3. the charset an HTML page declares (``<meta charset>``), when it decodes without error
   and the text looks like Arabic, English or French (see below);
4. Windows-1256 (Arabic) or Windows-1252 (Latin-1 and its Windows superset: French,
   English), when exactly one of them gives text that looks like Arabic, English or French
   (:func:`looks_arabic`, :func:`looks_latin`: the script, its letters, words that do not
   mix scripts, frequent function words), or both give the same text.

Anything else raises :class:`DecodingError` with a message that says what the file seems to
be and what would work ("convert it to UTF-8"): a document is never silently garbled.
Binary files (PDF, images, archives, executables, NUL bytes) are recognised by their first
bytes (:func:`sniff_binary`). The measurements behind these rules are in docs/input.md
(``benchmarks/decoding_bench.py`` reruns them).

>>> decode_bytes("قال الوزير إن موسكو ترفض الخطة وتدعو إلى الحوار".encode("cp1256"))[1]
'windows-1256'
>>> decode_bytes("Le président a déclaré qu'il rejette le plan".encode("latin-1"))
("Le président a déclaré qu'il rejette le plan", 'windows-1252')
>>> decode_bytes(b"%PDF-1.7 ...")
Traceback (most recent call last):
...
extractors.decoding.DecodingError: binary file (a PDF document), not text; convert it to UTF-8 text first
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

UTF8 = "utf-8"
#: The single-byte encodings stancegraph decodes, by the script they are for.
ARABIC_CODEPAGE = "windows-1256"
LATIN_CODEPAGE = "windows-1252"

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

#: Leading bytes of binary formats often found next to news texts.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", ""),  # checked below: a bitmap only with NUL bytes in its header
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", ""),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (Word, Excel)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", ""),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an audio or video file"),
    (b"ID3", "an MP3 file"),
    (b"\x1aE\xdf\xa3", "a video file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "an audio file", b"AVI ": "a video file"}
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}

# What Arabic, English and French text is written with. A reading whose letters stray from
# these is mojibake (Arabic read as Latin gives "ÞÇá", Russian read as Arabic mixes scripts).
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
_LATIN_EXTRA = frozenset(
    "àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ"  # French
    "áíóúñÁÍÓÚÑãõÃÕåÅøØßìòÌÒ"  # names from neighbouring languages
)
_WORD = re.compile(r"\w+")
#: Frequent function words: real text is full of them, a wrong reading has none.
_FR = """le la les des du est et une dans pour pas qui sur au aux l d a été avec ne un de que
          il elle en se par plus son sa ses ce cette"""
_EN = """the of and to is in that was for on with has have said by it are be will not a an
          he she his her from at as this which"""
_AR = """في من على إلى الى أن ان عن مع التي الذي هذا هذه قال و أو ما لا إن كان بين بعد قبل حتى
          ثم كما عند منذ خلال لم لن قد وقال"""
FRENCH_WORDS, ENGLISH_WORDS, ARABIC_WORDS = (frozenset(w.split()) for w in (_FR, _EN, _AR))
_ARTICLE = re.compile("^[وفبلك]?(?:ال|لل)")
# Non-letters that never sit inside a word of English or French (a DOS or Mac code page
# read as Windows-1252 puts them where the accented letters were: "pr‚sident").
_INNER_OK = frozenset("'’‘ʼ-‐‑·")
#: The only non-ASCII signs expected in English, French or Arabic news (besides letters).
_PUNCT = frozenset("«»’‘“”–—…•€£°©®·½¼¾§²³×\u00a0\u200c\u200d\u200e\u200f")
_ARABIC_SIGNS = frozenset("،؛؟٪٫٬ـ") | frozenset(map(chr, range(0x0660, 0x066A)))
_ARABIC_MARK = re.compile("[\u064b-\u065f\u0670]")


def _odd_signs(text: str, allowed: frozenset[str]) -> int:
    """Non-ASCII characters that are neither letters nor signs the language uses."""
    return sum(
        1
        for c in text
        if not c.isascii() and not c.isalpha() and c not in allowed and not _ARABIC_MARK.match(c)
    )


class DecodingError(ValueError):
    """The bytes are not text stancegraph can decode with confidence; the message says why."""


def sniff_binary(head: bytes) -> str | None:
    """What kind of binary file ``head`` (the first bytes) starts, or None for text.

    >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n...."), sniff_binary(b"plain text")
    ('a PNG image', None)
    """
    for magic, kind in _MAGIC:
        if not head.startswith(magic):
            continue
        if magic == b"BM":
            return "a bitmap image" if b"\x00" in head[2:14] else None
        if magic == b"BZh":
            return (
                "bzip2-compressed data" if head[3:4].isdigit() and b"1AY&SY" in head[4:10] else None
            )
        if magic == b"MZ":
            return "a Windows executable" if b"\x00" in head[2:64] else None
        return kind
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if any(head.startswith(bom) for bom, _, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "NUL bytes"
    sample = head[:8192]
    if sample and sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        return "control bytes"
    return None


def utf16_without_bom(head: bytes) -> bool:
    """Whether ``head`` looks like UTF-16 text without a byte-order mark (NUL every other
    byte for Latin text, or an Arabic high byte 0x06 every other byte).

    >>> utf16_without_bom("Le plan".encode("utf-16-le")), utf16_without_bom(b"Le plan")
    (True, False)
    """
    sample = head[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return False
    # the high bytes of little-endian, then of big-endian code units
    return any(
        sum(b in (0x00, 0x06) for b in hi) >= 0.9 * len(hi) for hi in (sample[1::2], sample[0::2])
    )


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def looks_arabic(text: str) -> bool:
    """Text whose letters are mostly Arabic and whose words do not mix Arabic with other
    letters (what a wrong single-byte reading of Cyrillic, Greek or Hebrew gives).

    >>> looks_arabic("قال الوزير إن موسكو ترفض الخطة"), looks_arabic("ﾊﾞﾆﾗ قال éàç")
    (True, False)
    """
    letters = _letters(text)
    if not letters:
        return False
    arabic = sum(bool(_ARABIC_LETTER.match(c)) for c in letters)
    if arabic < 0.6 * len(letters):
        return False
    words = _WORD.findall(text)
    mixed = sum(
        1
        for w in words
        if _ARABIC_LETTER.search(w) and any(c.isalpha() and not _ARABIC_LETTER.match(c) for c in w)
    )
    if mixed > len(words) // 100:
        return False
    if _odd_signs(text, _PUNCT | _ARABIC_SIGNS) > len(letters) // 200:
        return False
    arabic_words = [w for w in words if _ARABIC_LETTER.match(w)]
    hits = sum(w in ARABIC_WORDS or bool(_ARTICLE.match(w)) for w in arabic_words)
    return hits >= max(1, 0.15 * len(arabic_words))


def looks_latin(text: str) -> bool:
    """Text in English or French (or names from neighbouring languages): Latin letters,
    few of them accented, and only accents those languages use; no C1 control characters.

    >>> looks_latin("Le président a déclaré"), looks_latin("ÞÇá ÇáæÒíÑ Åä")
    (True, False)
    """
    if any("\x80" <= c <= "\x9f" for c in text):
        return False
    letters = _letters(text)
    if not letters:
        return False
    ascii_letters = sum(c.isascii() for c in letters)
    extra = sum(c in _LATIN_EXTRA for c in letters)
    strange = len(letters) - ascii_letters - extra
    strange += _odd_signs(text, _PUNCT)
    strange += sum(
        1
        for a, c, b in zip(text, text[1:], text[2:], strict=False)
        if not c.isascii()
        and not c.isalpha()
        and c not in _INNER_OK
        and a.isalpha()
        and b.isalpha()
    )
    if strange > len(letters) // 200 or extra > 0.15 * len(letters) + 3:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    hits = sum(w in FRENCH_WORDS or w in ENGLISH_WORDS for w in words)
    return hits >= max(1, 0.1 * len(words))


def _plausible(text: str) -> bool:
    return looks_arabic(text) or looks_latin(text)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, as a Python codec name (None if it has none).

    Only named in messages, as a hint: measured on real articles it picks a wrong code page
    for 12% of French and 33% of English Windows-1252 articles (docs/input.md), so it never
    decides alone.
    """
    best = charset_normalizer.from_bytes(data[:65536]).best()
    if best is None:
        return None
    return codecs.lookup(best.encoding).name


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, as a Python codec name.

    >>> declared_charset(b'<html><head><meta charset="windows-1256">')
    'cp1256'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'cp1252'
    """
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        name = "cp1252"  # as browsers read them (WHATWG Encoding Standard)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _display(codec: str) -> str:
    return {"cp1256": ARABIC_CODEPAGE, "cp1252": LATIN_CODEPAGE}.get(codec, codec)


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode a document: ``(text, encoding)``, or :class:`DecodingError` saying why not.

    The text keeps every character of the file except a leading byte-order mark, so that
    offsets into it are offsets into the document. ``html=True`` also honours a charset
    declared by the page.

    >>> decode_bytes("\\ufeffالخطة".encode("utf-16"))
    ('الخطة', 'UTF-16')
    >>> decode_bytes("Привет мир, это текст".encode("cp1251"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractors.decoding.DecodingError: not UTF-8, and its encoding could not be determined reliably...
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start}); save it again as UTF-8"
                ) from None
            return text.lstrip("\ufeff"), name
    kind = sniff_binary(data[:8192])
    if kind is not None:
        if utf16_without_bom(data):
            raise DecodingError(
                "looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with BOM)"
            )
        raise DecodingError(f"binary file ({kind}), not text; convert it to UTF-8 text first")
    try:
        return data.decode(UTF8), UTF8
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if html:
        declared = declared_charset(data)
        if declared is not None:
            try:
                page = data.decode(declared)
            except (ValueError, LookupError):  # not valid in it, or not a text encoding
                page = ""
            if page and _plausible(page):
                return page, _display(declared)
    readings: dict[str, str] = {}
    for codec, check in (("cp1256", looks_arabic), ("cp1252", looks_latin)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if check(text):
            readings[codec] = text
    if len(set(readings.values())) == 1:  # one plausible reading (or two that agree)
        codec = "cp1252" if "cp1252" in readings else "cp1256"
        return readings[codec], _display(codec)
    guess = _guess(data)
    seems = (
        f" (charset-normalizer guesses {guess})"
        if guess and guess not in ("cp1256", "cp1252")
        else ""
    )
    raise DecodingError(
        f"not UTF-8, and its encoding could not be determined reliably{seems} "
        f"(first non-UTF-8 byte at {first_bad}); convert it to UTF-8"
    )


def clean_text(text: str) -> str:
    """The text with lone surrogates (which no UTF encoding can write) replaced by U+FFFD;
    every other character, and so every offset, is kept.

    >>> clean_text("a\\ud800b") == "a\\ufffdb"
    True
    """
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def display_name(name: str) -> str:
    """A file name as text that any terminal or UTF-8 file can show (undecodable bytes of
    the name as ``\\xNN``, control characters escaped).

    >>> display_name("a\\udcffb.txt"), display_name("x\\ny")
    ('a\\\\xffb.txt', 'x\\\\ny')
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        name = clean_text(name)
    if any(unicodedata.category(c) == "Cc" for c in name):
        name = "".join(
            c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) == "Cc" else c
            for c in name
        )
    return name
