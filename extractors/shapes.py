"""What a token's text looks like to the components: sentence ends, quotation marks, name-like
words. Computed once per distinct token text (a field of :class:`extractors.matcher.TokenKeys`),
so that components test a bit instead of looking the text up in tables of their own.

>>> bool(shape("Friedmann", "friedmann", arabic=False) & NAME_LIKE)
True
>>> bool(shape(".", ".", arabic=False) & FULL_STOP), bool(shape("«", "«", arabic=True) & QUOTE_OR_BREAK)
(True, True)
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_SPACE
from spacy.lang import lex_attrs

SENT_END = frozenset({".", "!", "?", "؟", "…", "...", "!!", "?!"})
CLOSERS = frozenset(['"', "'", "»", "”", "’", ")", "›"])
OPEN_QUOTES = {"«": "»", "“": "”", "„": "“", "‹": "›", "‘": "’"}
QUOTE_MARKS = frozenset({*OPEN_QUOTES, *OPEN_QUOTES.values(), '"', "”", '"”'})

# shape bits
LINE_BREAK = 1  # white space with a line break: ends a sentence and a quotation
FULL_STOP = 2  # ends a sentence (. ! ? ؟ … and "12." ordinals)
CLOSER = 4  # a closing quotation mark or bracket, which may follow a full stop
NAME_LIKE = 8  # a capitalized word of letters, not all capitals ("Friedmann", "O'Brien")
QUOTE_OR_BREAK = 16  # a quotation mark or a line break (see pipeline.find_quotes)
PEOPLE_LIKE = 32  # may name a people: "Americans", «الأمريكيون» (see ActorFinder._peoples)
# spaCy's lexical flags IS_PUNCT, IS_SPACE and IS_QUOTE, by spaCy's own (default) functions
PUNCT = 64
SPACE = 128
QUOTE = 256
#: the functions behind PUNCT, SPACE and QUOTE, by spaCy attribute
LEXICAL_FLAGS = {
    IS_PUNCT: lex_attrs.is_punct,
    IS_SPACE: lex_attrs.is_space,
    IS_QUOTE: lex_attrs.is_quote,
}
SENTENCE_KIND = LINE_BREAK | FULL_STOP | CLOSER


def shape(text: str, folded: str, *, arabic: bool) -> int:
    """The shape bits of one token text (``folded``: its :func:`~extractors.normalize.fold`)."""
    if not arabic and text.islower() and text.isalpha():
        return 0  # most words: no capital, no punctuation
    bits = 0
    if text:  # (spaCy's lexeme of the empty string has no flags)
        if lex_attrs.is_punct(text):
            bits |= PUNCT
        if lex_attrs.is_space(text):
            bits |= SPACE
        if lex_attrs.is_quote(text):
            bits |= QUOTE
    line_break = "\n" in text and text.isspace()
    if line_break:
        bits |= LINE_BREAK | QUOTE_OR_BREAK
    elif text in SENT_END or (text.endswith(".") and len(text) > 1 and text[:-1].isdigit()):
        bits |= FULL_STOP
    elif text in CLOSERS:
        bits |= CLOSER
    if text in QUOTE_MARKS:
        bits |= QUOTE_OR_BREAK
    if (
        len(text) > 1
        and text[0].isupper()
        and text.replace("-", "").replace("'", "").isalpha()
        and not text.isupper()
    ):
        bits |= NAME_LIKE
    if arabic:
        f = folded
        if f.startswith(("ال", "وال")) and f.endswith(("ون", "ين")) and len(f) > 6:
            bits |= PEOPLE_LIKE
    elif text[:1].isupper() and folded.endswith(("s", "x")):
        bits |= PEOPLE_LIKE
    return bits
