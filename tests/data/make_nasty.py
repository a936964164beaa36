"""Write the corpus of nasty inputs in tests/data/nasty/ (tiny files; the big ones, a 100 MB
document and a 10-million-character line, are made at test time in a temporary folder).

    python tests/data/make_nasty.py

``NASTY`` says what stancegraph must do with each file: ``"read"`` (decoded, maybe with a
note) or the words of the one message that reports it. tests/test_inputs/ checks the
committed files are what this script writes.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "nasty"

AR_CLAIM = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو ترفض الخطة الأمريكية."
FR_CLAIM = "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rejeté le plan américain."
EN_CLAIM = "Russia rejected the peace plan."
HOSTILE = (
    "\u200f\u202e🙂🙂 \u2066\x1b[31m\x07 "
    + EN_CLAIM
    + " e\u0301\u0301\u0301 \u200d\u200d👩\u200d👩\u200d👧 \u00a0\u2028 "
    + 'Quotes " \' « » > < & """ \\ \x7f\x0b end.\n'
)
PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>موسكو ترفض الخطة - أخبار</title>
<meta property="article:published_time" content="2015-11-27T09:00:00Z">
<script>document.write("<p>قال بوتين إنه يدعم الخطة</p>"); fetch("http://example.invalid/x")</script>
<style>p {{ color: red }}</style></head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">العالم</a></li></ul></nav>
<div class="social-share"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<article>
<h1>موسكو ترفض الخطة الأمريكية</h1>
<div class="share-buttons"><span>شارك</span></div>
<p>{AR_CLAIM}</p>
<p>شارك</p>
<p>تعليق</p>
<p>أدانت فرنسا الهجوم الإرهابي على الطائرة الروسية.</p>
<figure><img src="x.jpg"><figcaption>صورة أرشيفية</figcaption></figure>
<div id="comments"><h3>التعليقات (3)</h3><p>قال أحدهم إنه يرفض كل شيء</p></div>
</article>
<aside><h2>اقرأ أيضا</h2><a href="/a">خبر آخر</a></aside>
<footer>© 2015</footer>
</body></html>
"""
NAV_ONLY = """<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="share"><a>Share</a> <a>Tweet</a></div><footer>(c) 2015</footer></body></html>
"""


def jsonl_lines() -> list[bytes]:
    good = {"id": "good-1", "text": EN_CLAIM, "language": "en", "date": "2015-11-27"}
    return [
        json.dumps(good).encode(),  # 1 read
        b"{oops",  # 2 malformed
        json.dumps({"id": "no-text", "body": EN_CLAIM}).encode(),  # 3 no text field
        json.dumps({"id": "number", "text": 42}).encode(),  # 4 not a string
        json.dumps({"id": "null", "text": None}).encode(),  # 5 not a string
        b"[1, 2, 3]",  # 6 not an object
        json.dumps({"id": "empty", "text": " \n\t "}).encode(),  # 7 empty
        json.dumps({"id": "good-1", "text": "France welcomed it."}).encode(),  # 8 repeated id
        '{"id": "latin", "text": "caf\u00e9"}'.encode("latin-1"),  # 9 not UTF-8
        b"",  # 10 blank: ignored
        json.dumps(
            {"id": "lone\ud800surrogate", "text": "\udfffFrance condemned the attack."}
        ).encode(),  # 11 read
        json.dumps({"id": "page", "text": PAGE}).encode(),  # 12 read (HTML)
        json.dumps(
            {"id": ["list"], "text": "France welcomed the agreement.", "date": 2015}
        ).encode(),  # 13 read
        b"[" * 5_000 + b"]" * 5_000,  # 14 too deep
        b'{"id": "big", "text": "' + b"9" * 10 + b'", "n": 1' + b"0" * 5000 + b"}",  # 15 huge int
    ]


def truncated_gz() -> bytes:
    lines = "".join(
        json.dumps({"id": f"t{i}", "text": f"Russia rejected plan number {i}.", "language": "en"})
        + "\n"
        for i in range(200)
    )
    data = gzip.compress(lines.encode(), mtime=0)
    return data[: len(data) * 2 // 3]


#: file name -> "read", or the words of the message that reports it.
NASTY: dict[str, str] = {
    "empty.txt": "empty file",
    "whitespace.txt": "only whitespace",
    "report.pdf": "binary file (a PDF document)",
    "image.png": "binary file (a PNG image)",
    "pdf-named.txt": "binary file (a PDF document)",
    "control-bytes.txt": "binary file (control bytes)",
    "notes.md": "not a supported input (.md)",
    "utf16-bom.txt": "read",
    "utf16-no-bom.txt": "UTF-16 without a byte-order mark",
    "windows-1256.txt": "read",
    "latin-1.txt": "read",
    "windows-1251.txt": "encoding could not be determined reliably",
    "page.html": "read",
    "nav-only.html": "HTML page without article text",
    "hostile.txt": "read",
    "no-letters.txt": "language not recognised",
    "bad-sidecar.txt": "read",
    "bad-sidecar.meta.json": "unreadable metadata sidecar",
    "orphan.meta.json": "ignored",
    "binary.jsonl": "binary file (a PNG image), not JSON Lines",
    "utf16.jsonl": "JSON Lines must be UTF-8",
    "corpus.jsonl": "read",
    "truncated.ndjson.gz": "truncated or corrupt",
}
#: The bad lines of corpus.jsonl: line -> words of its message.
CORPUS_PROBLEMS = {
    2: "malformed JSON",
    3: "no field 'text'",
    4: "is a number, not a string",
    5: "is null, not a string",
    6: "line is an array, not a JSON object",
    7: "is empty",
    8: "repeats line 1",
    9: "not valid UTF-8",
    14: "malformed JSON",
    15: "malformed JSON",
}


def files() -> dict[str, bytes]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n   \n",
        "report.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
        "image.png": png,
        "pdf-named.txt": b"%PDF-1.7\n" + bytes(range(256)),
        "control-bytes.txt": bytes([1, 2, 3, 4, 5, 6, 0x0E, 0x0F, 0x10, 0x11]) * 20,
        "notes.md": b"# Notes\n\nNot an article.\n",
        "utf16-bom.txt": (FR_CLAIM + "\n").encode("utf-16"),
        "utf16-no-bom.txt": (FR_CLAIM + "\n").encode("utf-16-le"),
        "windows-1256.txt": (AR_CLAIM + "\n").encode("cp1256"),
        "latin-1.txt": (FR_CLAIM + "\n").encode("latin-1"),
        "windows-1251.txt": "Министр заявил, что Москва отвергает план.\n".encode("cp1251"),
        "page.html": PAGE.encode("utf-8"),
        "nav-only.html": NAV_ONLY.encode("utf-8"),
        "hostile.txt": HOSTILE.encode("utf-8"),
        "no-letters.txt": "12345 !!! ??? 🙂 ★ 2015-11-27\n".encode(),
        "bad-sidecar.txt": (EN_CLAIM + "\n").encode(),
        "bad-sidecar.meta.json": b'{"language": "en", oops',
        "orphan.meta.json": b'{"language": "fr"}',
        "binary.jsonl": png,
        "utf16.jsonl": (json.dumps({"text": EN_CLAIM}) + "\n").encode("utf-16"),
        "corpus.jsonl": b"\n".join(jsonl_lines()) + b"\n",
        "truncated.ndjson.gz": truncated_gz(),
    }


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"{len(files())} files written to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
