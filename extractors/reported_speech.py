"""``stancegraph.reported_speech.v1``: stance claims from reported speech and described acts.

For every stance cue of a Doc (see :mod:`extractors.pipeline`) the extractor finds

1. **who** takes the position: the speaker of the reporting verb or quotation that contains
   the cue, or for a described act ("Russia rejected ...", «رفضت موسكو ...») the actor that is
   its subject; a speaker carries over to the next sentences ("he added", «وأضاف»);
2. **what about**: the phrase governed by the cue, cut at clause boundaries and trimmed of
   function words, with the actors inside it linked and a canonical topic when one matches;
3. **how**: stance type and polarity from the lexicon, flipped by negation ("will not accept"),
   and ``conditional`` when a condition marker ("even if", «حتى لو», « même si ») governs it.

Cues that only make sense as speech ("must", «يجب», « il faut », "enemy") need a speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import numpy
from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_SPACE, SPACY
from spacy.tokens import Doc, Span

from .claims import (
    ID,
    ActorRef,
    Claim,
    Evidence,
    TopicRef,
    actor_iri,
    merge_claims,
    topic_iri,
)
from .lexicon import stance_types
from .matcher import FOLDED, shape_array, token_table
from .normalize import fold, is_arabic
from .pipeline import keys, sentence_starts, spans_of
from .registry import register
from .resources import LATIN, resources
from .shapes import LEXICAL_FLAGS, LINE_BREAK, PUNCT, QUOTE, SPACE

NAME = "stancegraph.reported_speech.v1"
CLAUSE_PUNCT = {".", ";", ":", "!", "?", "؟", "؛", "…"}
COMMAS = {",", "،"}
QUOTE_CHARS = set("\"'«»“”„‹›‘’")
PRONOUNS = {
    "en": {"he", "she", "they", "we", "i"},
    "fr": {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "nous", "je"},
    "ar": {fold(w) for w in ("هو", "هي", "إنه", "إنها", "لكنه", "لكنها", "ولكنه", "ولكنها",
                             "فإنه", "فإنها")},
}  # fmt: skip
AUX = {
    "en": {"has", "have", "had", "will", "would", "also", "is", "was", "are", "were", "then",
           "again", "strongly", "firmly", "has also", "did", "does", "not", "n't", "never"},
    "fr": {"a", "ont", "avait", "est", "sont", "aussi", "également", "va", "n'", "ne", "s'", "se", "l'"},
    "ar": set(),
}  # fmt: skip
NEGATED_STANCE = {"agree": "reject", "willing": "refuse", "intend": "refuse"}
MAX_TOPIC = 12
CARRY_SENTENCES = 3


@dataclass
class Frame:
    """A speech frame: a reporting verb (or headline colon) and its speaker."""

    start: int
    end: int
    speaker: Span
    sentence: int
    side: str = "either"
    carried: bool = False
    also: tuple[Span, ...] = ()  # conjoined speakers: "Britain and France said"


class _Sentence(NamedTuple):
    start: int
    end: int


class _DocView:
    """Precomputed lookups over one processed Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lang = doc.lang_
        self.res = resources(self.lang)
        self.sent_starts = sentence_starts(doc)
        #: the sentences, as token ranges
        ends = [*self.sent_starts[1:], len(doc)] if self.sent_starts else []
        self.sents = [_Sentence(a, b) for a, b in zip(self.sent_starts, ends, strict=True)]
        #: the span groups, each turned into Span objects once (every access makes them anew)
        self.actors = spans_of(doc, "stancegraph_actors")
        self.quotes = spans_of(doc, "stancegraph_quotes")
        self.negation = spans_of(doc, "stancegraph_negation")
        self.conditions = spans_of(doc, "stancegraph_conditions")
        self.reporting = spans_of(doc, "stancegraph_reporting")
        self.cues = spans_of(doc, "stancegraph_cues")
        self.topics = spans_of(doc, "stancegraph_topics")
        self.named_actors = list(self.actors)  # all actor mentions, places included
        self.boundary_starts = {s.start for s in spans_of(doc, "stancegraph_boundaries")}
        self.reporting_starts = {s.start for s in self.reporting}
        self.cue_starts = {s.start for s in self.cues}
        self.reporting_tokens = {i for s in self.reporting for i in range(s.start, s.end)}
        self.in_quote = [-1] * len(doc)
        for qi, q in enumerate(self.quotes):
            for i in range(q.start, q.end):
                self.in_quote[i] = qi
        toks = keys(doc)
        self.keys = toks
        #: per-token folded forms, texts and flags (plain lists: no spaCy Token objects)
        self.norm: list[str] = list(map(FOLDED, toks))
        self.text = list(token_table(toks)[0])
        #: whether a token is followed by a space
        self.spaced: list[bool] = doc.to_array(SPACY).astype(bool).tolist()
        #: per sentence: whether it is a question (ends with ? or ؟)
        marks = {k for k, t in enumerate(self.text) if t == "?" or t == "؟"}
        self.question = [
            bool(marks) and any(k in marks for k in range(max(st.start, st.end - 3), st.end))
            for st in self.sents
        ]
        shapes = shape_array(toks)
        getters = cast(Any, doc.vocab).lex_attr_getters
        if all(getters.get(attr) is fn for attr, fn in LEXICAL_FLAGS.items()):
            # spaCy's flags, computed once per token text with the same functions
            self.punct: list[bool] = ((shapes & PUNCT) != 0).tolist()
            self.space: list[bool] = ((shapes & SPACE) != 0).tolist()
            self.quote: list[bool] = ((shapes & QUOTE) != 0).tolist()
        else:
            flags = doc.to_array([IS_PUNCT, IS_SPACE, IS_QUOTE]).astype(bool).T.tolist()
            self.punct, self.space, self.quote = flags if len(doc) else ([], [], [])
        # paragraph number of each token: line breaks counted so far
        self.paragraph: list[int] = numpy.cumsum((shapes & LINE_BREAK) != 0).tolist()
        titles = self.res.titles.find(toks)
        self.title_tokens = {i for m in titles for i in range(m.start, m.end)}
        self.honorific_tokens = {
            i for m in titles if m.payload == "honorific" for i in range(m.start, m.end)
        }
        self.anonymous_tokens = {
            i for m in titles if m.payload == "anonymous" for i in range(m.start, m.end)
        } - set().union(*(range(a.start, a.end) for a in self.actors))
        demonyms = self.res.demonyms.find(toks)
        self.title_tokens |= {i for m in demonyms for i in range(m.start, m.end)}
        #: demonyms by their last token ("a French call for", "over Russian objections")
        self.demonym_at = {
            m.end - 1: Span(doc, m.start, m.end, label=m.payload, kb_id="demonym")
            for m in demonyms
            if m.payload in self.res.actors
        }
        self.hedges = self.res.hedges.find(toks)
        #: reporting verbs whose subject is nobody known ("a diplomat said", « le tribunal a
        #: estimé »): filled by _frames
        self.silent: list[int] = []
        self.cue_at = {c.start: c for c in self.cues}
        self.actor_at: dict[int, Span] = {}
        for a in self.actors:
            for i in range(a.start, a.end):
                self.actor_at[i] = a
        # A capital after a preposition is a place, not the government: "jugé à Paris",
        # «في موسكو». Such mentions are no actors.
        places = [a for a in self.actors if a.kb_id_ == "metonym" and (
            (_governed(self, a) and not _agentive(self, a))
            or (a.start > 0 and self.norm[a.start - 1] in PLACE_NOUNS))]  # fmt: skip
        if places:
            self.actors = [a for a in self.actors if a not in places]
            for a in places:
                for i in range(a.start, a.end):
                    self.actor_at.pop(i, None)
        #: where the actors start (they are in order: see actors_from)
        self.actor_starts = [a.start for a in self.actors]
        #: negators as (start, end, position, window)
        self.negators = [(n.start, n.end, n.label_, int(n.kb_id_ or 3)) for n in self.negation]

    def chars(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)``, as ``doc[start:end].text`` (Doc.text would
        make a Token object per token)."""
        if end <= start:
            return ""
        spaced, text = self.spaced, self.text
        return "".join([t + " " if sp else t for t, sp in zip(text[start : end - 1],
                                                                spaced[start : end - 1],
                                                                strict=True)]) + text[end - 1]  # fmt: skip

    def sent_index(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def actors_from(self, lo: int, hi: int) -> list[Span]:
        """The actors (in order) that start in ``[lo, hi)``: those a scan of ``actors`` with
        a condition on their start needs to look at."""
        starts = self.actor_starts
        return self.actors[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def actors_in(self, start: int, end: int) -> list[Span]:
        return [a for a in self.actors if a.start >= start and a.end <= end]


COMPLEMENTIZERS = {"ان", "بان", "لان"}
# «أمير منطقة الرياض», "the city of Moscow", « la ville de Paris »: a place, not its government
# and «عيد الرياض», «قمة الرياض», «اتفاق الطائف», «محادثات موسكو»: an event named after the place
PLACE_NOUNS = {fold(w) for w in (
    "منطقة", "مدينة", "محافظة", "ولاية", "إقليم", "بلدية", "عاصمة", "مطار", "جامعة", "شوارع",
    "سكان", "أهالي", "عيد", "مهرجان", "معرض", "مؤتمر", "قمة", "اتفاق", "اتفاقية", "إعلان",
    "محادثات", "مفاوضات", "ميناء", "city", "region", "ville", "région", "province",
)}  # fmt: skip
FR_COMPLEMENTIZERS = {"que", "qu'", "qu’"}
PRONOUN_COMPLEMENTIZERS = {
    fold(w)
    for w in (
        "إنه",
        "أنه",
        "بأنه",
        "لأنه",
        "إنها",
        "أنها",
        "بأنها",
        "إنهم",
        "أنهم",
        "إننا",
        "أننا",
        "إني",
        "أني",
    )
}  # folded Arabic أن/إن/بأن: what follows is content


_DETERMINERS = {
    "en": {"the", "a", "an", "its", "their", "his", "her"},
    "fr": {"l'", "la", "le", "les", "un", "une", "son", "sa", "ses", "leur", "leurs"},
    "ar": set(),
}  # folded; French "a" (à) is a preposition, not the English article


def _determiners(view: _DocView) -> set[str]:
    return _DETERMINERS.get(view.lang, set())


AR_PREP_CLITICS = ("ل", "ب", "ك", "ول", "وب", "فل", "فب", "لل", "ولل", "بال", "وبال")


def _governed(view: _DocView, a: Span, depth: int = 0) -> bool:
    """True when an actor mention is the object of a preposition ("to Russia", «لروسيا»),
    also when it is joined by "and"/و to one that is ("on Sudan and Turkey")."""
    if depth < 6 and a.start > 0:
        j = a.start - 1
        joined = view.lang == "ar" and view.norm[a.start].startswith("و")
        if not joined and view.norm[j] in CONJUNCTIONS:
            joined, j = True, j - 1
        prev = view.actor_at.get(j)
        if joined and prev is not None and _governed(view, prev, depth + 1):
            return True
    if view.lang == "ar":
        head = view.norm[a.start]
        if head not in view.res.name_heads and head.startswith(AR_PREP_CLITICS):
            return True
    j = a.start - 1
    while j >= 0 and (view.norm[j] in _determiners(view) or j in view.honorific_tokens):
        if (
            view.lang == "ar"
            and j in view.title_tokens
            and view.norm[j].startswith(AR_PREP_CLITICS)
        ):
            return True  # «مرحبا بسمو الأمير محمد بن سلمان»: the honorific carries the preposition
        j -= 1  # "to the Russian President Putin"
    return j >= 0 and view.norm[j] in view.res.prepositions


def _agentive(view: _DocView, a: Span) -> bool:
    """True for the agent of a passive: "was welcomed by Beijing", « salué par Moscou »
    (not a modifier: "turned down by the London exchange")."""
    j = a.start - 1
    while j >= 0 and view.norm[j] in _determiners(view):
        j -= 1
    k = a.end
    ends = k >= len(view.doc) or _is_stop(view, k) or k in view.boundary_starts
    return ends and j >= 0 and view.norm[j] in AGENT_MARKERS


def _anonymous_subject(view: _DocView, verb: Span) -> bool:
    """True when an unnamed source is the subject of a reporting verb ("a diplomat said"),
    or a title with no known name («وقال الحاكم السابق لولاية نيويورك ...»)."""
    anon = view.anonymous_tokens
    if view.lang == "ar":
        return verb.end in anon or (verb.end in view.title_tokens and verb.end not in view.actor_at)
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux:
        j -= 1
    if j in anon or (verb.end in anon and verb.end not in view.actor_at):
        return True
    # '", s'est félicité le chef de l'État': a title after the verb with no known holder
    k = verb.end
    while k < len(view.doc) and _is_stop(view, k) and view.text[k] not in CLAUSE_PUNCT:
        k += 1
    if not (k in view.title_tokens and k not in view.actor_at and j >= 0
            and view.text[j] in COMMAS | QUOTE_CHARS):  # fmt: skip
        return False
    sent_end = view.sents[view.sent_index(verb.start)].end
    named = [
        a
        for a in view.actors_from(k + 1, min(sent_end, k + 10) + 1)
        if k < a.start <= min(sent_end, k + 10) and not _governed(view, a)
    ]
    return not named  # "..., le président du Conseil européen, Charles Michel" names him


def _unknown_subject(view: _DocView, verb: Span) -> bool:
    """In English and French, a noun right before the verb that is no known actor is a
    subject of its own ("the regime denounced", « le régime a dénoncé »): nobody to carry."""
    if view.lang not in LATIN:
        return False
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and (view.norm[j] in aux or view.norm[j].endswith("ly")):
        j -= 1
    if j < 0 or j in view.actor_at:
        return False
    word = view.norm[j]
    return (
        word.isalpha()
        and word not in PRONOUNS.get(view.lang, set())
        and word not in view.res.stopwords
    )


PLURAL_PRONOUNS = {"they", "ils", "elles", "-ils", "-elles", "هم"}


def _plural_subject(view: _DocView, verb: Span) -> bool:
    """True for a plural verb or pronoun subject: «قالوا», «يقولون», "they said"."""
    if view.lang == "ar":
        return view.norm[verb.end - 1].endswith(("وا", "ون"))
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux:
        j -= 1
    return j >= 0 and view.norm[j] in PLURAL_PRONOUNS


def _is_pronoun_subject(view: _DocView, verb: Span) -> bool:
    """True for "he said", "il a ajouté", "a-t-il ajouté" (a pronoun right before the verb)."""
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux:
        j -= 1
    return j >= 0 and view.norm[j] in PRONOUNS.get(view.lang, set())


def _gap(view: _DocView, start: int, end: int) -> int:
    """Words between two positions, not counting function words, punctuation and titles
    ("a dénoncé, pour sa part, l'ancien vice-président Joe Biden": 0)."""
    return sum(1 for k in range(start, end) if not (_is_stop(view, k) or k in view.title_tokens))


def _outside_relative(view: _DocView, actors: list[Span], verb: Span) -> list[Span]:
    """Drop actors inside a relative clause that closes just before the verb:
    "Turkey, which occupies northern Cyprus, had insisted" (the speaker is Turkey)."""
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while (
        j >= 0
        and view.text[j] not in COMMAS
        and (
            view.norm[j] in aux or view.norm[j] in view.res.stopwords or view.norm[j].endswith("ly")
        )
    ):
        j -= 1  # "had previously insisted", « a également affirmé »
    if j < 0 or view.text[j] not in COMMAS:
        return actors
    k = j - 1
    while k >= 0 and view.text[k] not in COMMAS and view.text[k] not in CLAUSE_PUNCT:
        k -= 1
    if k >= 0 and view.text[k] in COMMAS and k + 1 < j and view.norm[k + 1] in SUBJECT_RELATIVES:
        return [a for a in actors if a.end <= k]
    return actors


def _after_relative(view: _DocView, verb: Span) -> bool:
    """True for a verb right after « qui » (auxiliaries aside): « ... qui dit craindre »."""
    j = verb.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux and view.text[j] not in FR_A:
        j -= 1
    return j >= 1 and view.norm[j] in SUBJECT_RELATIVES


def _relative_antecedent(view: _DocView, verb: Span) -> Span | None:
    """The actor before « , qui ... , » when that relative clause closes right before the verb."""
    inside = _outside_relative(view, [verb], verb)
    if inside:
        return None  # no relative clause closes before the verb
    j = verb.start - 1
    while j >= 0 and view.text[j] not in COMMAS:
        j -= 1
    k = j - 1
    while k >= 0 and view.text[k] not in COMMAS and view.text[k] not in CLAUSE_PUNCT:
        k -= 1
    a = view.actor_at.get(k - 1) if k >= 1 else None
    return a if a is not None and not _governed(view, a) else None


def _titled_subject(view: _DocView, verb: Span) -> Span | None:
    """«دعا عضو اللجنة التنفيذية لمنظمة التحرير، أحمد مجدلاني، ...»: a title right after an
    Arabic verb, and the name in apposition to it after a comma."""
    k = verb.end
    if k >= len(view.norm) or k not in view.title_tokens or k in view.anonymous_tokens:
        return None
    sent_end = view.sents[view.sent_index(verb.start)].end
    for j in range(k + 1, min(sent_end, k + 12)):
        if view.text[j] in CLAUSE_PUNCT or j in view.reporting_starts:
            return None
        a = view.actor_at.get(j)
        if a is not None and a.start == j and view.text[j - 1] in COMMAS and not _governed(view, a):
            return a
    return None


def _find_speaker(view: _DocView, verb: Span, side: str) -> Span | None:
    """The actor a reporting verb attributes speech to, within its sentence."""
    sent = view.sents[view.sent_index(verb.start)]

    def usable(a: Span) -> bool:
        return (view.in_quote[a.start] < 0 and (not _governed(view, a) or _spoken_for(view, a))
                and not _owns_noun(view, a))  # fmt: skip

    after = [a for a in view.actors_from(verb.end, min(sent.end, verb.end + 12))
             if verb.end <= a.start < min(sent.end, verb.end + 12)
             and usable(a) and _gap(view, verb.end, a.start) <= 2]  # fmt: skip
    before = [a for a in view.actors_from(max(sent.start, verb.start - 12), verb.start)
              if max(sent.start, verb.start - 12) <= a.start
              and a.end <= verb.start and usable(a)]  # fmt: skip
    if view.lang == "ar":
        # VSO: the subject follows the verb at once; after أن/إن what follows is content;
        # «إنه أبلغ كيري»: the pronoun on إن is the subject, the name after is the object
        after = [a for a in after if _gap(view, verb.end, a.start) == 0
                 and not any(view.norm[k] in COMPLEMENTIZERS for k in range(verb.end, a.start))]  # fmt: skip
        if verb.start > 0 and view.norm[verb.start - 1] in PRONOUN_COMPLEMENTIZERS:
            after = []
    if view.lang in LATIN:
        before = _outside_relative(view, before, verb)
        if len(after) > 1 and after[0].end == after[1].start:
            after = after[1:]  # "said US Secretary of State Rice": the state modifies the name
    if view.lang == "fr":
        if _after_relative(view, verb):
            # « l'ennemi d'Israël qui dit craindre ... »: the actor just before « qui » speaks
            k = verb.start - 1
            while view.norm[k] not in SUBJECT_RELATIVES:
                k -= 1
            k -= 2 if view.text[k - 1] in COMMAS else 1
            a = view.actor_at.get(k)
            return a if a is not None and view.in_quote[a.start] < 0 else None
        # « jugeant que M. X avait ... »: after « que » comes what was said, not who said it
        after = [a for a in after
                 if not any(view.norm[k] in FR_COMPLEMENTIZERS for k in range(verb.end, a.start))]  # fmt: skip
    if view.lang == "ar" and not after:
        titled = _titled_subject(view, verb)
        after = [titled] if titled is not None else []
    first_after = after[0] if after else None
    last_before = _preferred(view, before[::-1]) if before else None
    if side == "after":
        return first_after
    if side == "before":
        return last_before
    if view.lang == "ar":
        # «لافروف قال» (SVO) only when the name stands right before the verb; a verb with
        # no subject of its own («وقال:») continues the previous speaker
        if first_after is None and last_before is not None and verb.start == last_before.end:
            return last_before
        if first_after is None:
            # «واصل روحاني دفاعه ... وقال»: «وقال» continues the sentence's subject
            earlier = [a for a in view.actors_from(sent.start, verb.start)
                       if sent.start <= a.start and a.end <= verb.start
                       and usable(a) and _actor_type(view, a) == "person"]  # fmt: skip
            relative = verb.start > 0 and view.norm[verb.start - 1] in RELATIVES
            if earlier and (view.norm[verb.start].startswith("و") or relative):
                # «وقال» continues the subject; «بلاده التي ترى» is his country's view
                return earlier[0]
        return first_after
    if _is_pronoun_subject(view, verb):
        return None
    if (
        view.lang == "en"
        and _after_quotation(view, verb)
        and (first_after is None or _gap(view, verb.end, first_after.start) > 1)
    ):
        return None  # '"...", say those close to the talks': no name from before the quotation
    if last_before is not None and _gap(view, last_before.end, verb.start) <= 1:
        return last_before
    if first_after is not None and _gap(view, verb.end, first_after.start) <= 1:
        return first_after
    if last_before is not None and verb.start - last_before.end <= 8:
        return last_before
    return first_after


def _spoken_for(view: _DocView, a: Span) -> bool:
    """English "a spokesman for Mr Blair said": an unnamed spokesman speaks for the actor
    named after "for" (not "Graham Robb, spokesman for the campaign, said": Robb speaks)."""
    if view.lang != "en":
        return False
    j = a.start - 1
    while j >= 0 and (view.norm[j] in _determiners(view) or j in view.honorific_tokens):
        j -= 1
    if j < 1 or view.norm[j] != "for" or not view.norm[j - 1].startswith("spokes"):
        return False
    k = j - 2
    while k >= 0 and view.norm[k] in _determiners(view):
        k -= 1
    return not (k >= 1 and view.text[k] in COMMAS and k - 1 in view.actor_at)


def _owns_noun(view: _DocView, a: Span) -> bool:
    """English "said Jack McConnell's comment was ...": a possessor before a noun that is no
    title owns what follows and does not speak ("Mr Blair's spokesman said" speaks for him)."""
    k = a.end
    if view.lang != "en" or k + 1 >= len(view.doc) or view.norm[k] not in POSSESSIVE:
        return False
    return k + 1 not in view.title_tokens and k + 1 not in view.actor_at


def _after_quotation(view: _DocView, verb: Span) -> bool:
    """True for a verb right after a closing quotation mark (and comma): '"...," said X'."""
    j = verb.start - 1
    while j >= 0 and view.text[j] in COMMAS:
        j -= 1
    return j >= 1 and view.text[j] in QUOTE_CHARS and view.in_quote[j - 1] >= 0


def _participle_subject(view: _DocView, verb: Span) -> Span | None:
    """French « ..., jugeant que ... », « ..., ajoutant que ... »: a present participle after a
    comma continues the subject of its sentence (the first actor that is no object of a
    preposition), not the object named just before it."""
    if view.lang != "fr" or not view.norm[verb.start].endswith("ant"):
        return None
    if verb.start == 0 or view.text[verb.start - 1] not in COMMAS:
        return None
    sent = view.sents[view.sent_index(verb.start)]
    return next((a for a in view.actors_from(sent.start, verb.start)
                 if sent.start <= a.start and a.end <= verb.start
                 and view.in_quote[a.start] < 0 and not _governed(view, a)), None)  # fmt: skip


SPEAKER_RANK = {"person": 0, "ministry": 1, "government": 1, "state": 2, "organization": 2}


def _preferred(view: _DocView, candidates: list[Span]) -> Span:
    """Among actors before a verb (nearest first), prefer a person, then a government."""

    def rank(item: tuple[int, Span]) -> tuple[int, int]:
        i, a = item
        entry = view.res.actors.get(a.label_)
        kind = entry.type if entry else "person"
        return (SPEAKER_RANK.get(kind, 3), i)

    return min(enumerate(candidates), key=rank)[1]


def _frames(view: _DocView) -> list[Frame]:
    doc = view.doc
    frames: list[Frame] = []
    prev: Frame | None = None
    for verb in view.reporting:
        if view.in_quote[verb.start] >= 0:
            continue
        si = view.sent_index(verb.start)
        if _negated(view, verb):
            continue  # «لم يقل», "did not say", « n'a pas évoqué »
        if view.lang in LATIN and verb.start > 0 and view.norm[verb.start - 1] in PASSIVE_REPORTING:
            continue  # "Washington is thought to fear", "is said to": nobody is quoted
        if _anonymous_subject(view, verb):
            prev = None  # "officials said", «وقال مسؤولون»: an unnamed source speaks
            view.silent.append(verb.start)
            continue
        same = [f for f in frames if f.sentence == si]
        speaker: Span | None
        if verb.label_ == "before" and same:
            # «قال X: ...، مضيفا: ...»: the participle continues the sentence's speaker
            speaker = same[-1].speaker
        else:
            speaker = _participle_subject(view, verb) or _find_speaker(view, verb, verb.label_)
        carried = False
        if speaker is None and _plural_subject(view, verb):
            view.silent.append(verb.start)
            continue  # «قالوا», "they said": a group, not the last speaker
        if speaker is None and _unknown_subject(view, verb):
            view.silent.append(verb.start)
            continue  # "le régime a dénoncé": someone else, not the last speaker
        if speaker is None and view.lang in LATIN and _silenced(view, verb.start):
            continue  # « le ministre a déclaré ..., ajoutant »: the same unnamed speaker
        if (speaker is None and view.lang == "fr" and view.norm[verb.start].endswith("ant")
                and _opens_sentence(view, verb.start) and not _pronoun_follows(view, verb)):  # fmt: skip
            view.silent.append(verb.start)
            continue  # « Dénonçant ..., le chef de l'opposition a estimé »: its subject follows
        if speaker is None and verb.label_ == "after":
            continue  # "according to" names its source right after it, or nobody
        if speaker is None and prev is not None and si - prev.sentence <= CARRY_SENTENCES:
            # "he added", «وأضاف», « a-t-il ajouté »: the last named speaker goes on
            speaker, carried = prev.speaker, True
        if speaker is not None:
            also = () if carried else tuple(_conjoined_speakers(view, speaker, verb))
            frame = Frame(verb.start, verb.end, speaker, si, verb.label_, carried, also)
            frames.append(frame)
            if not carried:
                prev = frame  # carrying is counted from the last time the speaker was named
    # Headlines and leads of the form  Actor: "..."  /  بوتين لهولاند: "..."  : the actor opens
    # its sentence and only other actor mentions stand between it and the colon
    for a in view.actors:
        sent = view.sents[view.sent_index(a.start)]
        if any(not (view.punct[k] or view.space[k]) for k in range(sent.start, a.start)):
            continue
        j = a.end
        while j < sent.end and j in view.actor_at:
            j = view.actor_at[j].end
        if (
            j + 1 < len(doc)
            and view.text[j] == ":"
            and (view.quote[j + 1] or view.text[j + 1] in "«“")
        ):
            frames.append(Frame(j, j + 1, a, view.sent_index(j), "after"))
    frames.sort(key=lambda f: f.start)
    return frames


def _pronoun_follows(view: _DocView, verb: Span) -> bool:
    """« Fustigeant un affront, il a réclamé »: the clause after the participle has a pronoun
    subject (the speaker goes on), not a noun of its own."""
    sent = view.sents[view.sent_index(verb.start)]
    k = next((k for k in range(verb.end, sent.end)
              if view.text[k] in COMMAS and view.in_quote[k] < 0), sent.end)  # fmt: skip
    return k + 1 < sent.end and view.norm[k + 1] in PRONOUNS.get(view.lang, set())


def _silenced(view: _DocView, i: int, since: int = -1) -> bool:
    """True when a reporting verb with a subject nobody knows («le tribunal a estimé», "a
    diplomat said") stands before token ``i`` in its sentence (after ``since``): a
    pronoun, a participle or a second verb after it goes on with that subject, not with
    the last named speaker."""
    start = max(view.sents[view.sent_index(i)].start, since)
    return any(start <= v < i for v in view.silent)


def _quote_speakers(view: _DocView, frames: list[Frame]) -> list[Span | None]:
    """The speaker of every quotation, in order.

    A quotation belongs to the reporting verb of the sentence it starts or ends in ('X said:
    "..."', '"...", X said'); else, after a colon, to the subject of the clause before it
    ('X was clear: "..."'); else to an actor named just before it ('X "condemned ..."');
    else to the speaker of the previous quotation of the same paragraph or the sentence
    before (journalists keep quoting the same person).
    """
    out: list[Span | None] = []
    prev: tuple[Span, int, int] | None = None  # speaker, end sentence, paragraph
    for q in view.quotes:
        qs, qe = view.sent_index(q.start), view.sent_index(max(q.end - 1, q.start))
        para = view.paragraph[q.start]
        near = [f for f in frames if qs - 1 <= f.sentence <= qe + 1
                and (f.sentence in (qs, qe) or f.start in (q.start - 2, q.end + 1))]  # fmt: skip
        near.sort(key=lambda f: (0 if f.sentence in (qs, qe) else 1, abs(f.start - q.start)))
        speaker: Span | None = near[0].speaker if near else None
        sent = view.sents[qs]
        outside = [a for a in view.actors_from(sent.start, sent.end)
                   if sent.start <= a.start < sent.end
                   and view.in_quote[a.start] < 0 and not _governed(view, a)]  # fmt: skip
        if speaker is None and q.start >= 2 and view.text[q.start - 2] == ":":
            before = [a for a in outside if a.end <= q.start - 2]
            if before:
                speaker = _preferred(view, before[::-1])
        if speaker is None:
            # 'Trump has also "condemned the attack"': the subject before the quotation
            lead = [a for a in outside if a.end <= q.start and q.start - a.end <= 8
                    and _actor_type(view, a) != "armed_group"]  # fmt: skip
            if lead:
                speaker = lead[0]
        if (speaker is None and prev is not None and (prev[2] == para or qs - prev[1] <= 1)
                and (view.lang not in LATIN or _opens_sentence(view, q.start - 1))):  # fmt: skip
            speaker = prev[0]
        out.append(speaker)
        if speaker is not None:
            prev = (speaker, qe, para)
    return out


def _opens_sentence(view: _DocView, i: int) -> bool:
    """True when only punctuation stands before token ``i`` in its sentence. In Latin
    scripts a quotation that opens its sentence goes on with the speech before it; one
    inside a sentence ('a porté plainte pour "provocation à la haine"') is part of what that
    sentence tells, not the last speaker's words (Arabic sentences run on: not there)."""
    sent = view.sents[view.sent_index(i)]
    return all(view.punct[k] or view.space[k] for k in range(sent.start, i))


def _after_speech(view: _DocView, frame: Frame) -> bool:
    """True for a verb that follows what was said: '"...", a dénoncé X', '..., X said'."""
    j = frame.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and (view.norm[j] in aux or j >= frame.speaker.start and j < frame.speaker.end):
        j -= 1
    return j >= 0 and (view.text[j] in COMMAS or view.text[j] in QUOTE_CHARS)


AR_NOMINAL_PREFIXES = ("ال", "وال", "فال", "بال", "لل", "كال", "ب", "ل", "وب", "ول", "فب", "فل")


def _nominal_ar(view: _DocView, cue: Span) -> bool:
    """True for an Arabic cue that is a definite or prepositional noun with no possessive
    pronoun («بموافقة», «الداعم»); «لرفضها» (its refusal) names its agent by the pronoun."""
    head = view.norm[cue.start]
    last = view.norm[cue.end - 1]
    possessive = last.endswith(("ه", "ها", "هم", "هما")) and not head.startswith(
        ("ال", "وال", "بال", "لل")
    )
    return head.startswith(AR_NOMINAL_PREFIXES) and not possessive


INTENSIFIERS = {
    fold(w)
    for w in (
        "more",
        "much",
        "very",
        "most",
        "so",
        "too",
        "less",
        "really",
        "plus",
        "tres",
        "si",
        "trop",
        "moins",
        "جدا",
        "اكثر",
        "الاكثر",
    )
}
PREDICATE_MARKERS = {fold(w) for w in (
    "as", "comme", "بوصفه", "بوصفها", "باعتباره", "باعتبارها", "كان", "كانت", "يعد", "تعد",
    "this", "that", "it", "ce", "c'", "cela", "هذا", "هذه", "ذلك", "انه", "انها",
    "not", "no", "pas", "غير", "ليس", "ليست", "لا", "most", "very", "plus", "tres", "جدا",
    "one", "l'un", "l'une", "احد", "احدي",
)}  # fmt: skip


def _predicative(view: _DocView, cue: Span) -> bool:
    """True when an evaluative word is said of something ("X is an enemy", «عدونا هو داعش»,
    "described it as historic", at the head of a clause), not an attribute inside a noun
    phrase ("acceptable solutions", «حلول مقبولة»)."""
    doc = view.doc
    nxt = view.norm[cue.end] if cue.end < len(doc) else ""
    if nxt in COPULAS or any(view.norm[k] in COPULAS for k in range(cue.start, cue.end)):
        return True  # ("it is important": the cue holds its own copula)
    j = cue.start - 1
    steps = 0
    while j >= 0 and steps < 3:
        norm = view.norm[j]
        if view.punct[j] or view.space[j] or norm in COMPLEMENTIZERS:
            return True  # the head of its clause
        if norm in COPULAS and view.lang == "en" and _restrictive(view, j):
            return False  # "the care that is appropriate": an attribute of the noun
        if norm in COPULAS or norm in PREDICATE_MARKERS:
            return True
        if norm in INTENSIFIERS or view.text[j] in QUOTE_CHARS:
            j -= 1
            continue
        if norm not in _determiners(view) and norm not in view.res.stopwords:
            return False
        j -= 1
        steps += 1
    return j < 0


def _restrictive(view: _DocView, copula: int) -> bool:
    """An English copula in a restrictive relative clause: "the care that is appropriate"
    (not "he said that is unacceptable", where "that" is the subject)."""
    k = copula - 1
    if k < 1 or view.norm[k] not in ("that", "which"):
        return False
    prev = k - 1
    return not (view.punct[prev] or view.space[prev] or prev in view.reporting_tokens
                or view.norm[prev] in view.res.stopwords)  # fmt: skip


def _svo_subject(view: _DocView, cue: Span) -> Span | None:
    """An Arabic subject before its verb, opening its clause: «إيران ستزيد», «لكن موسكو انتقدت»
    (not the genitive in «مصير الرئيس السوري يجب»)."""
    b = view.actor_at.get(cue.start - 1)
    if b is None:
        return None
    k = b.start - 1
    if k >= 0 and view.norm[k] in COMPLEMENTIZERS:
        return b  # «إن إيران تدعم الإرهاب»: the subject of the clause that was said
    if _governed(view, b):
        return None
    if (k < 0 or view.punct[k] or view.space[k] or view.norm[k] in COMPLEMENTIZERS
            or k in view.boundary_starts):  # fmt: skip
        return b
    return None


def _deferred(view: _DocView, cue: Span, nxt: Span | None) -> bool:
    """A call or demand followed at once by an opposing act gives way to it: "must be
    rejected", «يجب رفضه», « appelé à rejeter » are oppositions, not support."""
    if nxt is None or stance_types()[cue.label_].polarity != "support":
        return False
    negated = _negated(view, nxt)
    if (stance_types()[nxt.label_].polarity == "oppose") == negated:
        return False  # the next act is not an opposition ("called on X not to allow" is)
    return (
        nxt.start >= cue.end
        and nxt.start - cue.end <= 8
        and all(_is_stop(view, k) or k in view.actor_at for k in range(cue.end, nxt.start))
    )  # "must be rejected", "called on the Europeans to reject"


def _hedged(view: _DocView, cue: Span) -> bool:
    """A described act after a hedge in its clause ("may", « pourrait », «قد»), or in a
    sentence that opens with a condition ("If it joins, Turkey may ...")."""
    sent = view.sents[view.sent_index(cue.start)]
    for h in view.hedges:
        if sent.start <= h.start and h.end <= cue.start and cue.start - h.end <= 4:
            return True
    if view.lang == "en" and any(
        sent.start <= c.start and c.end <= cue.start and cue.start - c.end <= 4
        for c in view.conditions
    ):
        return True  # "even if Lord X had signed the statement": a supposition
    first = sent.start
    while first < sent.end and (view.space[first] or view.punct[first]):
        first += 1
    return any(c.start == first and c.end <= cue.start for c in view.conditions)


def _inner_subject(view: _DocView, cue: Span) -> Span | None:
    """An actor that is the cue's own grammatical subject: «ترفض روسيا», "Russia rejects"."""
    if view.lang == "ar":
        a = view.actor_at.get(cue.end)
        if a is not None and a.start == cue.end and not _governed(view, a):
            return a  # VSO: «ترفض روسيا»
        b = view.actor_at.get(cue.start - 1)
        if b is not None and _nominal_ar(view, cue) and not _governed(view, b):
            return b  # «موقف مصر الداعم للشرعية»: Egypt's supportive position
        return _svo_subject(view, cue)
    j = cue.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux and cue.start - j <= 3 and view.text[j] not in FR_A:
        j -= 1
    a = view.actor_at.get(j)
    return a if a is not None and not _governed(view, a) else None


FR_A = {"à", "À"}  # folds to "a" like the auxiliary: « appelé les Européens à rejeter »


def _affiliated(view: _DocView, a: Span, b: Span) -> bool:
    """Same actor, or one speaks for the other's state (Lavrov and Russia)."""
    if a.label_ == b.label_:
        return True
    ea, eb = view.res.actors.get(a.label_), view.res.actors.get(b.label_)
    return bool(ea and eb and ea.country and ea.country == eb.country)


def _actor_type(view: _DocView, a: Span) -> str:
    entry = view.res.actors.get(a.label_)
    return entry.type if entry else "person"


def _conjoined_speakers(view: _DocView, speaker: Span, verb: Span) -> list[Span]:
    """Other speakers joined to ``speaker`` by and/et/و: «وتقول الولايات المتحدة والسعودية»,
    "Germany and France said"."""
    doc = view.doc
    if speaker.start >= verb.end:  # after the verb: «وتقول X وY»
        out = []
        last = speaker
        while True:
            k = last.end
            if k < len(doc) and view.norm[k] in CONJUNCTIONS:
                k += 1
            if (
                view.lang == "ar"
                and k + 1 < len(doc)
                and k == last.end
                and view.norm[k].startswith("و")
                and view.norm[k].endswith(("ه", "ها", "هم"))
                and k not in view.actor_at
                and k + 1 in view.actor_at
            ):
                k += 1  # «الولايات المتحدة وحليفتها السعودية»: a relational noun, then the name
            nxt = view.actor_at.get(k)
            if nxt is None or nxt.start != k or nxt is last:
                break
            if k == last.end and (view.lang in LATIN or not view.norm[k].startswith("و")):
                break  # no conjunction: "US Secretary of State Rice" is one speaker
            if view.lang == "ar" and k > last.end and not view.norm[k - 1].startswith("و"):
                break
            out.append(nxt)
            last = nxt
        return out
    return [a for a in _conjoined_before(view, speaker) if a is not speaker]


def _speakers_for(
    view: _DocView, frames: list[Frame], quote_speakers: list[Span | None], cue: Span
) -> tuple[list[Span], bool]:
    """All speakers of the speech that contains ``cue`` and whether the cue is in speech."""
    si = view.sent_index(cue.start)
    qi = view.in_quote[cue.start]
    if qi >= 0:
        q = quote_speakers[qi]
        return ([q] if q is not None else []), True
    same = [f for f in frames if f.sentence == si]
    before = [f for f in same if f.start <= cue.start]
    # "..., a averti Pompeo": in Latin scripts the verb may follow what was said
    after = [f for f in same if f.start > cue.start and f.side != "before" and view.lang in LATIN
             and _after_speech(view, f)]  # fmt: skip
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None or chosen.speaker.start <= cue.start < chosen.speaker.end:
        return [], False
    if view.lang in LATIN and _silenced(view, cue.start, chosen.start):
        return [], True  # « a-t-il dit, alors que le ministre a estimé ... »: not his words
    return [chosen.speaker, *chosen.also], True


CONJUNCTIONS = {"and", "et", "و"}


def _conjoined_before(view: _DocView, a: Span) -> list[Span]:
    """The actors listed up to ``a``: "the EU, Russia and China" → [EU, Russia, China]."""
    out = [a]
    while True:
        j = out[0].start - 1
        while view.lang == "fr" and j >= 0 and view.norm[j] in _determiners(view):
            j -= 1  # « la Russie et la Chine »: the article follows the conjunction
        while view.lang in LATIN and j >= 0 and j in view.title_tokens and j not in view.actor_at:
            j -= 1  # "Schroeder and French President Chirac": a demonym before the title
        if j >= 0 and (view.text[j] in COMMAS or view.norm[j] in CONJUNCTIONS):
            j -= 1
        while j >= 0 and view.norm[j] in _determiners(view):
            j -= 1
        prev = view.actor_at.get(j)
        if prev is None or prev.end != j + 1 or prev is out[0]:
            break
        out.insert(0, prev)
    return out


def _subjects(view: _DocView, cue: Span, last: Span | None, last_sent: int) -> list[Span]:
    """The actors that perform a described act (not reported speech).

    Arabic verbs come first (VSO: «رفضت موسكو»), else the subject is the first actor of the
    clause before the cue that is not the object of a preposition; actors joined by "and"
    ("Schroeder and Chirac called for") all take the position. A pronoun subject ("he
    rejected") is the last speaker.
    """
    sent = view.sents[view.sent_index(cue.start)]
    if view.lang == "ar":
        svo = _svo_subject(view, cue)
        if svo is not None:
            return [svo]  # SVO «لكن موسكو انتقدت الولايات المتحدة»: what follows is the object
        titled = _titled_subject(view, cue)
        if titled is not None:
            return [titled]
        for i in range(cue.end, min(sent.end, cue.end + 2)):
            if i in view.actor_at and not _governed(view, view.actor_at[i]):
                out = [view.actor_at[i]]
                # «وتطالب فيتنام وماليزيا والفلبين ...»: subjects joined by و
                while out[-1].end in view.actor_at and view.norm[out[-1].end].startswith("و"):
                    out.append(view.actor_at[out[-1].end])
                return out
            if view.punct[i] or view.norm[i] in COMPLEMENTIZERS:
                break
    if view.lang in LATIN and _is_passive(view, cue):
        return _agent(view, cue)
    # pronoun subject carried over from the previous speaker ("he rejected")
    j = cue.start - 1
    aux = AUX.get(view.lang, set())
    while j >= sent.start and view.norm[j] in aux:
        j -= 1
    if j >= sent.start and view.norm[j] in PRONOUNS.get(view.lang, set()):
        # «ولم يفصح خامنئي عن قراره لكنه شكر المفاوضين»: the subject named earlier in the
        # sentence, else the last speaker
        earlier = [a for a in view.actors_from(sent.start, j) if sent.start <= a.start and a.end <= j
                   and not _governed(view, a)]  # fmt: skip
        if earlier:
            return [earlier[-1]]
        if view.lang in LATIN and _silenced(view, j):
            return []  # « le ministre a déclaré qu'il espérait »: he is the minister
        if last is not None and view.sent_index(cue.start) - last_sent <= CARRY_SENTENCES:
            return [last]
    # the clause before the cue
    i = cue.start - 1
    limit = max(sent.start, cue.start - 14)
    while i >= limit:
        text = view.text[i]
        if text in CLAUSE_PUNCT or i in view.boundary_starts or i in view.reporting_starts:
            break
        if text in COMMAS and i not in view.actor_at and (i - 1) not in view.actor_at:
            # a comma right after an actor may close an apposition ("Mr Straw, in London, ...")
            break
        i -= 1
    clause = [a for a in view.actors_from(i + 1, cue.start) if i < a.start and a.end <= cue.start]
    subjects = [a for a in clause if not _governed(view, a)]
    if view.lang in LATIN:
        # "US Secretary of State Condoleezza Rice": a state before a titled name modifies it
        starts = {a.start for a in clause}
        subjects = [a for a in subjects if a.end not in starts]
    if view.lang == "fr":
        relative = _relative_antecedent(view, cue)
        if relative is not None:
            # « la Russie et la Chine, qui continuent ..., dénient »: the antecedent acts,
            # not an actor named inside the relative clause
            return _conjoined_before(view, relative)
        subjects = _outside_relative(view, subjects, cue)
    if not subjects and i >= sent.start and view.norm[i] in SUBJECT_RELATIVES:
        # "Jacek Czaputowicz, who promised support": the antecedent of "who" acts
        j = i - 1
        if j >= sent.start and view.text[j] in COMMAS:
            j -= 1
        if j in view.actor_at:
            return _conjoined_before(view, view.actor_at[j])
    if subjects:
        first = subjects[0]
        out = [first]
        for a in subjects[1:]:
            between = view.norm[out[-1].end : a.start]
            joiners = CONJUNCTIONS | {","}
            if (between and between[0] in joiners
                    and all(w in joiners or w in _determiners(view) for w in between)) or (
                not between and view.lang == "ar" and view.norm[a.start].startswith("و")
            ):  # fmt: skip
                out.append(a)  # "Germany and France", « l'Allemagne et la France »
            else:
                break
        return out
    return []


RELATIVES = {
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "which",
    "that",
    "qui",
    "que",
    "qu'",
    "dont",
}
RELATIVES = {fold(w) for w in RELATIVES}
SUBJECT_RELATIVES = {fold(w) for w in ("who", "which", "qui", "الذي", "التي", "الذين")}
COPULAS = {"is", "are", "was", "were", "be", "been", "remains",
           "est", "sont", "etait", "reste", "هو", "هي", "هم"}  # fmt: skip
PASSIVE_REPORTING = {"is", "are", "was", "were", "been", "being", "est", "sont", "ete", "etait"}
PASSIVE_AUX = {"was", "were", "been", "being", "ete", "etee", "etes", "etees"}
AGENT_MARKERS = {"by", "par"}
FR_PARTICIPLE = ("é", "ée", "és", "ées", "er")  # (« se voit reprocher »: an infinitive)
FR_PASSIVE_BE = {"est", "sont", "etait", "etaient", "fut", "furent", "sera", "seront", "soit"}
FR_REFLEXIVE = {"s'", "se", "s’", "m'", "me", "t'", "te", "nous", "vous"}
FR_SEE_ONESELF = {"vu", "vue", "vus", "vues", "voit", "voient", "verra", "voyait"}


def _is_passive(view: _DocView, cue: Span) -> bool:
    """True for "was rejected", "a été écartée": the subject is not the one who acts
    (not for adjectives of stance: "was ready to", "was opposed to", « était prêt à »)."""
    doc = view.doc
    if cue.label_ in ("willing", "intend") or cue.kb_id_.startswith("either:"):
        return False  # (an evaluation after a copula is no passive: "was productive")
    if (
        cue.end < len(doc)
        and view.norm[cue.end] in {"to", "a", "de", "d'"}
        and cue.label_ not in ("criticize", "condemn")  # « a été accusé de racisme »
    ):
        return False
    j = cue.start - 1
    while j >= 0 and view.norm[j] in {"also", "already", "aussi", "deja", "not", "pas", "ne", "n'",
                                      "egalement", "souvent", "encore", "regulierement"}:  # fmt: skip
        j -= 1
    if j >= 0 and view.norm[j] in PASSIVE_AUX:
        return True
    if view.lang != "fr" or not view.text[cue.start].lower().endswith(FR_PARTICIPLE):
        return False
    # « est accusé de », « s'est vu reprocher », « Accusé par ses détracteurs », « X, déjà
    # critiqué pour ... »: the target of a criticism, not its author
    reflexive = j >= 1 and view.norm[j - 1] in FR_REFLEXIVE
    if j >= 0 and view.norm[j] in FR_PASSIVE_BE and not reflexive:
        return True
    if j >= 1 and view.norm[j] in FR_SEE_ONESELF and view.norm[j - 1] in FR_REFLEXIVE | AUX["fr"]:
        return True  # « s'est vu accuser », « se voit reprocher »
    sent = view.sents[view.sent_index(cue.start)]
    return (
        cue.label_ in ("criticize", "condemn")
        and not view.text[cue.start].lower().endswith("er")
        and (j < sent.start or view.text[j] in COMMAS or view.punct[j] and not view.quote[j])
    )  # a bare participle: « Critiqué pour ses liens avec ..., X »


def _agent(view: _DocView, cue: Span) -> list[Span]:
    """The agent of a passive ("was welcomed by Beijing"), if named right after the cue."""
    doc = view.doc
    for i in range(cue.end, min(len(doc), cue.end + 6)):
        if view.norm[i] in AGENT_MARKERS:
            nxt = [a for a in view.actors_from(i + 1, i + 4) if i < a.start <= i + 3]
            out = nxt[:1]
            while out:  # "by Beijing and Moscow"
                k = out[-1].end
                if k + 1 < len(doc) and view.norm[k] in CONJUNCTIONS and (k + 1) in view.actor_at:
                    out.append(view.actor_at[k + 1])
                else:
                    break
            return out
        if view.text[i] in CLAUSE_PUNCT:
            break
    return []


POSSESSIVE = {"'s", "’s", "'", "’"}
NOMINAL_COMPLEMENTS = {"en": {"that", "to", "for", "of", "on", "against", "with"}}
MARKET_NOUNS = {"demand"}
NEGATORS = {"not", "n't", "n’t", "never"}
EXTRAPOSED = {"to", "that", "if", "for"}  # "it is wrong to", "it is vital that"
FINITE_AUX = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",
              "should", "must", "may", "might", "shall", "did", "does"}  # fmt: skip
CONCESSIVE = {"en": {"despite", "over", "against", "notwithstanding", "defying", "amid"}}
CONCESSIVE_PHRASES = {"en": {("in", "spite", "of"), ("in", "the", "face", "of"),
                             ("in", "defiance", "of")}}  # fmt: skip


def _possessor(view: _DocView, cue: Span) -> Span | None:
    """English: the actor that owns a stance noun ("Syria's denials", "an EU demand for",
    "despite US objections"), not a subject before its verb ("the EU demands")."""
    if view.lang != "en" or cue.start == 0:
        return None
    j = cue.start - 1
    possessive = view.norm[j] in POSSESSIVE
    if possessive:
        j -= 1
    a = view.actor_at.get(j)
    if a is None and not possessive:
        a = view.demonym_at.get(j)  # "a French call for", "over Russian objections"
    if a is None or a.end != j + 1 or view.in_quote[a.start] != view.in_quote[cue.start]:
        return None
    if view.norm[cue.start] in MARKET_NOUNS:
        # "China's demand for oil" is the market's; "an EU demand for Turkey to ..." is a call
        addressee = view.actor_at.get(cue.end)
        if addressee is None or view.norm[addressee.end : addressee.end + 1] != ["to"]:
            return None
    if possessive:
        return a
    if view.norm[cue.start].endswith(("ed", "ing")):
        return None  # "for Russia backed by Iran", "of America agreeing to": a verb, no noun
    k = a.start - 1
    while k >= 0 and view.norm[k] == "the":
        k -= 1
    if k < 0:
        return None
    if view.norm[k] in ("a", "an") and k == a.start - 1:
        return a  # "an EU demand"
    return a if view.norm[k] in view.res.prepositions else None  # "despite US objections"


def _concessive_clause(view: _DocView, owner: Span) -> tuple[int, int] | None:
    """The main clause that a stance noun after "despite"/"over" is about: "The ban will be
    lifted despite US objections" → "The ban will be lifted"."""
    j = owner.start - 1
    while j >= 0 and view.norm[j] in _determiners(view):
        j -= 1
    at = None
    if j >= 0 and view.norm[j] in CONCESSIVE.get(view.lang, ()):
        at = j
    for phrase in CONCESSIVE_PHRASES.get(view.lang, ()):
        n = len(phrase)
        if j - n + 1 >= 0 and tuple(view.norm[j - n + 1 : j + 1]) == phrase:
            at = j - n + 1
    if at is None:
        return None
    sent = view.sents[view.sent_index(at)]
    start = at
    while start > sent.start and view.text[start - 1] not in CLAUSE_PUNCT:
        if start - 1 in view.reporting_starts:
            break
        start -= 1
    while start < at and _is_stop(view, start):
        start += 1
    end = min(at, start + MAX_TOPIC)
    while end > start and _is_stop(view, end - 1):
        end -= 1
    return (start, end) if start < end else None


PRO_FORMS = {"en": (("do", "so"), ("do", "it"), ("do", "that"), ("do", "this"), ("the", "same"),
                    ("it",), ("them",))}  # fmt: skip
PRO_FORM_FOLLOWERS = {"yet", "now", "again", "too", "either", "as", "and", "or", "but"}


def _pro_form(view: _DocView, cue: Span) -> bool:
    """True when what a cue governs is only a pro-form ("not ready to do so", "argued for
    them in cabinet"), which stands for the topic of the claim just before."""
    forms = PRO_FORMS.get(view.lang, ())
    k = cue.end
    while k < len(view.doc) and view.text[k] in QUOTE_CHARS:
        k += 1
    sent_end = view.sents[view.sent_index(cue.start)].end
    for form in forms:
        m = k + len(form)
        if m > sent_end or tuple(view.norm[k:m]) != form:
            continue
        if (m >= sent_end or view.punct[m] or m in view.boundary_starts
                or (view.norm[m] in view.res.prepositions and view.norm[m] != "to")
                or view.norm[m] in PRO_FORM_FOLLOWERS):  # fmt: skip
            return True
    return False


INTERESTS = {"en": {"interest", "interests"}}


def _against_interests(view: _DocView, cue: Span, start: int, end: int) -> bool:
    """English "X is against Y's interests" / "X runs counter to our interests": X is judged
    harmful; the interests are no topic."""
    words = INTERESTS.get(view.lang, set())
    if not words or stance_types()[cue.label_].polarity != "oppose":
        return False
    return any(view.norm[k] in words for k in range(start, min(end, start + 3)))


def _is_stop(view: _DocView, i: int) -> bool:
    return (
        view.norm[i] in view.res.stopwords
        or view.punct[i]
        or view.space[i]
        or view.text[i] in QUOTE_CHARS
    )


def _topic_tokens(view: _DocView, cue: Span, side: str, speaker: Span | None) -> tuple[int, int]:
    doc = view.doc
    sent = view.sents[view.sent_index(cue.start)]
    start = end = cue.end
    topic_from = cue.end
    copula_at = cue.start
    if speaker is not None and cue.end <= speaker.start <= cue.end + 10:
        if view.lang == "ar":
            topic_from = speaker.end  # «رفض لافروف الخطة»: the topic follows the subject
            while topic_from in view.actor_at and view.norm[topic_from].startswith("و"):
                topic_from = view.actor_at[topic_from].end
        elif side == "after" and _gap(view, cue.end, speaker.start) <= 1:
            side = "quote"  # '"...", a dénoncé l'ambassadeur X': what was said comes first
    if side == "either":
        # "X is the enemy" / «عدونا هو داعش»: the copula shows where the topic is
        nxt = view.norm[cue.end] if cue.end < len(doc) else ""
        j = cue.start - 1
        while j >= sent.start and (view.norm[j] in _determiners(view) | INTENSIFIERS
                                   or view.text[j] in QUOTE_CHARS
                                   or (view.lang == "en" and view.norm[j] in NEGATORS)):  # fmt: skip
            j -= 1
        if nxt not in COPULAS and j >= sent.start and view.norm[j] in COPULAS:
            side = "before-copula"
            copula_at = j
        k = j - 1 if side == "before-copula" else j
        while k >= sent.start and view.norm[k] in {"would", "will", "be", "could", "might"}:
            k -= 1
        m = cue.end
        while m < sent.end and view.text[m] in QUOTE_CHARS:
            m += 1
        extraposed = m < sent.end and view.norm[m] in EXTRAPOSED
        if view.lang == "en" and k >= sent.start and view.norm[k] == "it" and extraposed:
            side = "after"  # "it was wrong to ...", "it would be a mistake if ...": what follows
    if side in ("after", "either"):
        # «وتطالب الصين، مستندة إلى خرائط ...، بالسيادة»: a parenthesis opening the phrase
        # is skipped, the topic is what follows it
        k = topic_from
        while k < sent.end and (view.space[k] or view.text[k] in QUOTE_CHARS):
            k += 1
        # « sa "grande inquiétude", la porte-parole, X, ... »: the quotation that holds the
        # cue closes before the comma; what follows is no parenthesis of its phrase
        closed = view.lang == "fr" and view.in_quote[cue.start] >= 0 and k > topic_from
        if k < sent.end and view.text[k] in COMMAS and not closed:
            close = next(
                (m for m in range(k + 1, min(sent.end, k + 15)) if view.text[m] in COMMAS), None
            )
            if close is not None and close + 1 < sent.end:
                topic_from = close + 1
        i = topic_from
        while i < sent.end and i - topic_from < MAX_TOPIC + 4:
            text = view.text[i]
            if text in CLAUSE_PUNCT:
                break
            if (
                text in COMMAS
                and (
                    any(not _is_stop(view, k) for k in range(topic_from, i))
                    or (i > topic_from and view.text[i - 1] in QUOTE_CHARS)
                )
                and not _listed(view, i)
            ):  # a comma after the closing quote of the cue's own words ends the phrase too
                break
            if i > topic_from and (i in view.boundary_starts or i in view.reporting_starts):
                break
            if (
                view.lang == "fr"
                and view.norm[i] == "et"
                and (
                    i + 1 in view.cue_starts
                    or (
                        i + 1 < len(view.norm)
                        and view.norm[i + 1] in {"a", "ont"}
                        and i + 2 in view.cue_starts
                    )  # fmt: skip
                )
            ):
                break  # « éviter une escalade et appeler ... », « ... et a rejeté »: a second act
            if speaker is not None and speaker.start <= i < speaker.end:
                break
            if "\n" in view.text[i]:
                break
            i += 1
        start, end = topic_from, i
        while start < end and _is_stop(view, start):
            start += 1
        end = min(end, start + MAX_TOPIC)
        while end > start and _is_stop(view, end - 1):
            end -= 1
    if side == "quote":
        # '"...", a dénoncé X' / 'Lifting the ban would ..., X warned': what was said is the
        # statement before the verb: the quotation, or the clause that opens the sentence
        said = [q for q in view.quotes if q.end <= cue.start and q.end > sent.start - 1]
        first = sent.start
        while first < cue.start and (view.space[first] or view.text[first] in QUOTE_CHARS):
            first += 1
        if said or first < cue.start:
            q_start = said[-1].start if said else first
            q_end = said[-1].end if said else cue.start
            if (
                said
                and said[-1].start > first
                and not any(view.text[k] in CLAUSE_PUNCT for k in range(first, said[-1].start))
            ):
                q_start = first  # the quotation ends a statement that opens the sentence
            start, end = q_start, min(q_end, q_start + MAX_TOPIC)
            while start < end and _is_stop(view, start):
                start += 1
            while end > start and _is_stop(view, end - 1):
                end -= 1
            return start, end
    relative_at = cue.start - 1
    object_pronoun = (
        cue.label_ not in ("call_for", "demand")  # «يدعوه لزيارة موسكو»: him, the addressee
        and cue.kb_id_.split(":")[1] == "0"  # «يمكننا العمل»: a modal's pronoun is no object
        and _object_pronoun(view, cue.end - 1)
    )
    resumptive = (
        view.lang == "ar"
        and side == "after"
        and start < end
        and len(view.norm[start]) >= 5
        and view.norm[start].endswith(("ه", "ها", "هم", "هما"))
        and not _nominal_ar(view, cue)
        and speaker is not None
        and speaker.start == cue.end
        and start == speaker.end  # verb, subject, then the complement: «تحاول باريس صياغته»
    )  # «مشروع فرنسي تحاول باريس صياغته»: the complement points back to the antecedent
    if side == "after" and (end - start <= 1 or object_pronoun or resumptive):
        j = cue.start - 1
        if resumptive and j >= sent.start and _indefinite_noun(view, j):
            side = "relative"
            start = end = cue.end
            relative_at = j + 1  # no relative pronoun: the antecedent ends right before the cue
        elif j >= sent.start and view.norm[j] in RELATIVES:
            # «عملية السلام التي ترفضها حماس», «جبهة واسعة كتلك التي اقترح بوتين تشكيلها»,
            # "the plan which X rejected": the antecedent is the topic
            side = "relative"
            start = end = cue.end
            relative_at = j
        elif object_pronoun and _imperfect(view, cue.end - 1):
            # «جماعات مسلحة تؤيدها هذه الجهات»: the verb's object is a pronoun whose
            # antecedent lies elsewhere, and what follows is its subject: no topic here
            return cue.end, cue.end
    if end <= start and side in ("before", "either", "quote", "before-copula", "relative"):
        i = cue.start - 1
        if side == "relative":
            i = relative_at - 1
        if side == "before-copula":
            i = copula_at - 1  # "the meeting was "much more efficient"": the subject
        while i >= sent.start and _is_stop(view, i):
            i -= 1  # skip the comma and closing quote of '"...", a dénoncé X'
        stop = i + 1
        qi = view.in_quote[cue.start]
        floor = max(sent.start, view.quotes[qi].start) if qi >= 0 else sent.start
        opens = qi >= 0 and all(_is_stop(view, k) for k in range(floor, cue.start))
        if view.lang == "fr" and opens:
            floor = sent.start  # « M. X avait "perdu toute légitimité" »: the subject is outside
        if side == "before-copula" and copula_at < floor:
            floor = sent.start  # 'The conference was a "vital step"': the subject is outside
        while i >= floor and stop - i <= MAX_TOPIC:
            text = view.text[i]
            if text in CLAUSE_PUNCT or i in view.reporting_starts:
                break
            if (
                side == "before-copula"
                and view.lang == "en"
                and view.norm[i] == "that"
                and i > 0
                and (i - 1 in view.reporting_tokens or view.norm[i - 1].endswith("ed"))
            ):
                break  # "he recognised that controls were essential": the subject after "that"
            if text in COMMAS and (
                side != "relative" or any(not _is_stop(view, k) for k in range(i + 1, stop))
            ):  # «جبهة واسعة، كتلك التي ...»: a demonstrative alone is no antecedent
                break
            if text in QUOTE_CHARS and side == "quote":
                break
            if speaker is not None and speaker.start <= i < speaker.end:
                break
            i -= 1
        start, end = i + 1, stop
        while start < end and _is_stop(view, start):
            start += 1
        while end > start and _is_stop(view, end - 1):
            end -= 1
    return start, end


SPEAKER_REFERENCES = {fold(w) for w in (
    "نحن", "أنا", "إننا", "إنني", "إني", "أننا", "أنني", "بلاده", "بلادها", "بلادنا", "حكومته",
    "حكومتها", "حكومتنا", "هو", "هي", "هم", "إنه", "إنها", "أنه", "أنها", "و",
)}  # fmt: skip


def _opens_clause(view: _DocView, i: int) -> bool:
    """Whether the verb at ``i`` opens its clause or follows its actor («إن بلاده ستواصل»,
    ««سنعمل»», «قال هولاند إننا سنضرب»), rather than a noun that is its own subject
    («محادثات لافروف مع كيري ستركز»)."""
    sent = view.sents[view.sent_index(i)]
    j = i - 1
    while j >= sent.start and (view.text[j] in QUOTE_CHARS or view.space[j]):
        j -= 1
    if j < sent.start or view.punct[j] or j in view.reporting_tokens:
        return True
    if view.norm[j] in COMPLEMENTIZERS or view.norm[j] in SPEAKER_REFERENCES:
        return True
    actor = view.actor_at.get(j)
    return actor is not None and not _governed(view, actor)


def _listed(view: _DocView, i: int) -> bool:
    """English: a comma inside a list or apposition of actors ("if we, the Israelis, or the
    world allow ..."), which does not end a topic."""
    if view.lang != "en" or i == 0 or i + 1 >= len(view.doc):
        return False
    before = i - 1 in view.actor_at or view.norm[i - 1] in PRONOUNS["en"] | {"us", "them"}
    k = i + 1
    while k < len(view.doc) and view.norm[k] in _determiners(view):
        k += 1
    return before and k < len(view.doc) and (k in view.actor_at or view.norm[k] in ("and", "or"))


def _indefinite_noun(view: _DocView, i: int) -> bool:
    """An Arabic content word without the article, before a verb that describes it («مشروع
    فرنسي تحاول باريس صياغته»): not a name, function word, reporting verb or cue."""
    word = view.norm[i]
    return (
        len(word) >= 3
        and is_arabic(word)
        and not word.startswith(("ال", "وال", "بال", "لل", "فال", "كال"))
        and i not in view.actor_at
        and i not in view.reporting_tokens
        and i not in view.cue_at
        and not _is_stop(view, i)
        and word not in COMPLEMENTIZERS | PRONOUN_COMPLEMENTIZERS
    )


def _imperfect(view: _DocView, i: int) -> bool:
    """An Arabic cue word that is an imperfect verb («تؤيدها», «يرفضه»), not a verbal noun of
    the تفعيل pattern («تأييدها», «ترحيبه»)."""
    stems = view.res.cue_words.intersection(view.keys[i].full)
    return any(
        st[0] in "يتن" and not (len(st) == 5 and st[0] == "ت" and st[3] == "ي") for st in stems
    )


def _object_pronoun(view: _DocView, i: int) -> bool:
    """An Arabic cue verb carrying an object pronoun («تقترحه», «ترفضها»): its object is the
    pronoun, so what follows the verb is no topic."""
    if view.lang != "ar":
        return False
    tok = view.keys[i]
    words = view.res.cue_words
    return (
        tok.folded.endswith(("ه", "ها", "هم", "هما", "هن"))  # resumptive: third person
        and not words.intersection(tok.head)
        and bool(words.intersection(tok.full))
    )


CALL_MARKERS = {"en": {"to"}, "fr": {"a"}, "ar": {fold("إلى"), "الى"}}


def _called_to(view: _DocView, start: int, end: int) -> tuple[int, int]:
    """ "called on the great powers to intervene", « appelé l'Iran à revenir », «دعا الدول
    الكبرى إلى التدخل»: the topic is what the addressee is called to do."""
    markers = CALL_MARKERS.get(view.lang, set())
    sent_end = view.sents[view.sent_index(start)].end
    for k in range(start + 1, min(sent_end, start + 14)):
        if (
            view.text[k] in CLAUSE_PUNCT
            or k in view.boundary_starts
            or k in view.reporting_starts
            or (view.in_quote[start] >= 0 and view.in_quote[k] != view.in_quote[start])
        ):
            break  # the addressee ends with its clause («، لكن ...») or quotation
        if view.lang == "fr" and view.norm[k - 1] == "et":
            break  # « à l'organisation d'une élection et à l'ouverture ... »: a second call
        if (
            view.norm[k] in markers
            and any(not _is_stop(view, m) for m in range(start, k))
            and _verb_after(view, k + 1)
        ):
            new_end = max(end, k + 1)  # the addressee may end at a comma: «الدول الكبرى، إلى»
            while new_end < min(sent_end, k + 1 + MAX_TOPIC) and not (
                view.text[new_end] in CLAUSE_PUNCT or view.text[new_end] in COMMAS
            ):
                new_end += 1
            new_start = k + 1
            while new_start < new_end and _is_stop(view, new_start):
                new_start += 1
            if new_start < new_end:
                return new_start, new_end
    return start, end


ADDRESSEE_MARKERS = {"ar": {"من"}}


def _stop_demanded(view: _DocView, start: int, end: int, stance: str) -> tuple[int, str]:
    """A call to stop something opposes it: «طلب البنتاغون من بكين وقف بناء الجزر», "urged
    Israel to halt settlement building" → oppose the building. Returns the new topic start and
    stance (the stopping cue's, an oppose type); unchanged when nothing is to be stopped."""
    i = start
    if view.norm[i] in ADDRESSEE_MARKERS.get(view.lang, ()) and i + 1 in view.actor_at:
        i += 1
    named = next((a for a in view.named_actors if a.start == i), None)
    if named is not None:
        i = named.end  # «من بكين», "Iran": the addressee, not the demand
        while i < end and _is_stop(view, i):
            i += 1
    stop = view.cue_at.get(i)
    if stop is None or stop.end >= end or stance_types()[stop.label_].polarity != "oppose":
        return start, stance
    if not stop.kb_id_.startswith("after:"):
        return start, stance
    j = stop.end
    while j < end and _is_stop(view, j):
        j += 1
    return (j, stop.label_) if j < end else (start, stance)


def _verb_after(view: _DocView, i: int) -> bool:
    """Whether token ``i`` can open what an addressee is called to do (« à cesser », « à la
    retenue », "to halt", «إلى التدخل»), not a place or a name (« à Alep », "to Gaza")."""
    while i < len(view.norm) and (view.text[i] in QUOTE_CHARS or view.space[i]):
        i += 1
    if i >= len(view.norm) or i in view.actor_at or view.punct[i]:
        return False
    return view.lang not in LATIN or not view.text[i][:1].isupper()


FR_CALLED_TO = {"à", "au", "aux", "À", "Au", "Aux"}


def _second_call(view: _DocView, start: int) -> tuple[int, int] | None:
    """French coordinated calls, « appelé X à revenir ... et à s'abstenir de ... », « à
    l'organisation d'une élection et à l'ouverture de négociations »: where « et à » opens the
    second thing called for, and where its clause ends (quotations do not end it)."""
    sent_end = view.sents[view.sent_index(start)].end
    limit = min(sent_end, start + 3 * MAX_TOPIC)
    for k in range(start + 1, limit - 2):
        text = view.text[k]
        if text in CLAUSE_PUNCT or k in view.reporting_starts:
            return None
        if text in COMMAS and view.in_quote[k] < 0:
            return None
        if view.norm[k] == "et" and view.text[k + 1] in FR_CALLED_TO:
            second = k + 2
            end = second
            while end < limit and not (
                view.text[end] in CLAUSE_PUNCT
                or (view.text[end] in COMMAS and view.in_quote[end] < 0)
                or (end > second and end in view.boundary_starts)
            ):
                end += 1
            return (second, end)
    return None


def _phoned(view: _DocView, cue: Span, end: int) -> bool:
    """« appeler quelqu'un » without « à » is to phone or to name him, not to call for
    something (« qu'il a appelé plusieurs fois au téléphone », « appelé Daech »)."""
    if not view.norm[cue.start].startswith("appel") or len(cue) > 1:
        return False
    return not any(
        view.text[k] in FR_CALLED_TO and view.norm[k + 1] not in ("telephone", "tel")
        for k in range(cue.end, min(end, len(view.doc) - 1))
    )  # « appelé plusieurs fois au téléphone »


_VERDICT = {
    "fr": re.compile(
        r"\ba (\d+|\w+) (ans|mois)\b|\ba (la |une )?(peine|prison|reclusion|"
        r"mort|perpetuite|amende)"
    ),
    "en": re.compile(r"\bto (\d+|\w+) (years|months)\b|\bto (death|life|prison|jail)\b"),
    "ar": re.compile(r"(^| )(بالسجن|بالاعدام|بالحبس|بالمؤبد)"),
}


def _sentence_passed(view: _DocView, start: int, end: int) -> bool:
    """A court's sentence, not a condemnation: "condemned to death", « condamné à 20 ans de
    réclusion », «أدانته المحكمة بالسجن»."""
    rx = _VERDICT.get(view.lang)
    return bool(rx and rx.search(" ".join(view.norm[start : min(end + 4, len(view.norm))])))


def _continued_actor(view: _DocView, covered: list[tuple[int, int, Span]], cue: Span,
                     si: int) -> Span | None:  # fmt: skip
    """«... البحث عن حلول سياسية، مع الإبقاء على دعم المعارضة»: an Arabic act with no actor
    of its own that continues, a few words on, the claim just made in its sentence has that
    claim's actor."""
    prev = [(e, who) for s, e, who in covered if view.sent_index(s) == si and e <= cue.start]
    if not prev or cue.start - prev[-1][0] > 6:
        return None
    if any(k in view.actor_at or k in view.reporting_tokens for k in range(prev[-1][0], cue.start)):
        return None
    return prev[-1][1]


def _negated(view: _DocView, cue: Span) -> bool:
    sent = view.sents[view.sent_index(cue.start)]
    for start, end, position, window in view.negators:
        if start == cue.end and position == "before":
            return True  # a modal cue followed by its negator: "would not", «يجب ألا»
        if position == "before" and end <= cue.start and cue.start - end < window:
            gap = view.text[end : cue.start]
            if start >= sent.start and not any(t in CLAUSE_PUNCT | COMMAS for t in gap):
                return True
        if position == "after" and start >= cue.end and start - cue.end < window:
            gap = view.text[cue.end : start]
            if end <= sent.end and not any(t in CLAUSE_PUNCT | COMMAS for t in gap):
                # French "ne ... pas" needs the "ne" too; a bare "pas" after a verb is enough
                return True
        if position == "after" and end <= cue.start and cue.start - end < 2:
            return True  # "ne peut pas accepter": the negator sits between aux and cue
    return False


def _conditional(view: _DocView, cue: Span, topic_end: int) -> bool:
    """A condition marker just before the cue, inside its topic, or right after it."""
    sent = view.sents[view.sent_index(cue.start)]
    for c in view.conditions:
        if not (sent.start <= c.start < sent.end):
            continue
        if view.lang == "en" and cue.kb_id_.startswith("either:") and c.start == cue.end:
            continue  # "it would be irresponsible if ...": the if-clause is what is judged
        if cue.start - 4 <= c.start < cue.start or cue.end <= c.start <= topic_end + 2:
            between = range(min(c.start, cue.end), max(c.start, cue.start))
            if not any(k in view.reporting_tokens for k in between):
                return True
    return False


def _actor_ref(view: _DocView, span: Span) -> ActorRef:
    entry = view.res.actors.get(span.label_)
    if entry is None:
        label = view.doc.user_data.get("stancegraph_unknown", {}).get(span.label_, span.text)
        return ActorRef(actor_iri(span.label_), label, None, "person", None)
    return ActorRef(actor_iri(entry.id), entry.label("en"), entry.qid, entry.type, entry.country)


def _evidence(view: _DocView, start: int, end: int, lo: int | None = None,
              hi: int | None = None) -> Evidence:  # fmt: skip
    """The sentence of token ``start``; in a sentence of over 400 characters, its tokens from
    ``lo`` to ``hi`` (by default ``start`` and ``end``) with a few around them."""
    doc = view.doc
    sent = view.sents[view.sent_index(start)]
    span = doc[sent.start : sent.end]
    first, last = span.start_char, span.end_char
    if last - first > 400:
        lo, hi = start if lo is None else lo, end if hi is None else hi
        span = doc[max(sent.start, lo - 8) : min(sent.end, hi + 2)]
        first, last = span.start_char, span.end_char
    text = view.chars(span.start, span.end)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    begin = first + lead
    return Evidence(text, begin, begin + len(text))


@register(NAME)
def make_reported_speech(*, min_confidence: float = 0.0) -> ReportedSpeech:
    """Factory of ``stancegraph.reported_speech.v1`` (keyword-only options)."""
    return ReportedSpeech(min_confidence=min_confidence)


class ReportedSpeech:
    """Callable ``Doc -> list[Claim]``; pure, no state kept between documents."""

    name = NAME

    def __init__(self, *, min_confidence: float = 0.0) -> None:
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> list[Claim]:
        return merge_claims(list(self._claims(doc)))

    def _claims(self, doc: Doc) -> Iterator[Claim]:
        view = _DocView(doc)
        frames = _frames(view)
        quote_speakers = _quote_speakers(view, frames)
        last: Span | None = None
        last_sent = -99
        covered: list[tuple[int, int, Span]] = []  # (cue start, topic end, speaker)
        said: tuple[int, int, int] | None = None  # sentence, topic start and end of the last claim
        cues = view.cues
        deferred_to = -1
        for n, cue in enumerate(cues):
            owner = _possessor(view, cue)
            owned = None if owner is None else self._owned(view, cue, owner)
            if owner is not None and owned is not None:
                # "Syria's denials that ...", "an EU demand for ...": the owner's position,
                # whoever reports it and whatever act it is the object of
                covered.append((cue.start, claim_topic_end(owned, doc), owner))
                if owned.confidence >= self.min_confidence:
                    yield owned
                continue
            if _deferred(view, cue, cues[n + 1] if n + 1 < len(cues) else None):
                deferred_to = n + 1
                continue
            if view.lang == "ar" and cue.start > 0 and view.norm[cue.start - 1] == "ما":
                continue  # «ما طالب به الشعب»: what someone else demanded (or «ما قال», negated)
            side, speech_only, *how = cue.kb_id_.split(":")
            # "urged Iran to halt ...", «طالبت فرنسا بوقف ...»: the actor of the call is the
            # actor of what it gave way to
            anchor = cue
            if deferred_to == n and speech_only == "1":
                anchor, speech_only = cues[n - 1], "0"
            morphological = bool(how)  # found by a pattern (a future verb), not a listed word
            if morphological and speech_only == "1" and not _opens_clause(view, cue.start):
                continue  # «محادثات لافروف مع كيري ستركز على ...»: the talks will, not a speaker
            if side == "either" and not _predicative(view, cue):
                continue  # "acceptable solutions", «حلول مقبولة»: an attribute, not a judgement
            si = view.sent_index(cue.start)
            if view.question[si]:
                continue  # «هل هو مشروع خاص بهم؟», "Will Russia accept?": a question takes no side
            for f in frames:  # the latest speaker before this sentence
                if last_sent <= f.sentence < si:
                    last, last_sent = f.speaker, f.sentence
            found, in_speech = _speakers_for(view, frames, quote_speakers, anchor)
            speaker = found[0] if found else None
            if view.lang in LATIN and _is_passive(view, anchor):
                # "were rejected by Beijing and Moscow": the agent acts, whoever reports it
                speaker, in_speech = None, False
            if in_speech and speaker is None:
                # a quotation nobody is credited with; an act it reports of a named actor
                # is still that actor's («وقبلت الحركة الدعوة», said a Hamas official)
                inner = _inner_subject(view, anchor) if speech_only == "0" else None
                if inner is None or (
                    view.lang == "ar"
                    and inner.start >= anchor.end
                    and _imperfect(view, anchor.start)
                ):
                    continue  # «ويهدد إسرائيل»: after an imperfect verb a name may be its object
                speaker, found = inner, [inner]
            if speaker is not None:
                # « "Soleimani est responsable de ..." »: a cue whose topic comes first has
                # its topic, not an actor of its own, as subject
                topic_first = view.lang == "fr" and side == "before"
                inner = None if topic_first else _inner_subject(view, anchor)
                if inner is not None and not _affiliated(view, inner, speaker):
                    continue  # "X said that Y rejected ...": Y's act as X tells it, not X's stance
                speakers, confidence = found, 0.75
                if (
                    inner is not None
                    and inner.label_ != speaker.label_
                    and _actor_type(view, inner) == "person"
                ):
                    # «ذكر بوغدانوف ... التي اقترح بوتين تشكيلها»: a colleague's own act,
                    # named with its subject, is the colleague's
                    speakers, speaker = [inner], inner
            elif speech_only == "1":
                # "must", «يجب»: a position only when somebody says it, or with an explicit
                # subject of its own («ويريد عباس ...», "Abbas wants ...")
                inner = None if morphological else _inner_subject(view, cue)
                if inner is None or (
                    view.lang == "ar" and inner.start >= cue.end and not _imperfect(view, cue.start)
                ):
                    continue  # after an Arabic noun the actor is its genitive («حليفة روسيا»);
                    # after a verb, its subject («ويريد عباس»)
                speakers, confidence = [inner], 0.65
            elif view.lang == "ar" and anchor is cue and _nominal_ar(view, cue):
                # a verbal noun («بموافقة», «الداعم», «للتنديد») takes the actor that follows
                # it as its agent («ترحيب السعودية بالاتفاق»); without one, nobody is named
                agent = view.actor_at.get(cue.end)
                if agent is None or agent.start != cue.end or _governed(view, agent):
                    agent = _continued_actor(view, covered, cue, si)
                    if agent is None:
                        continue
                speakers, confidence = [agent], 0.65
            else:
                if _hedged(view, anchor):
                    continue  # "Turkey may have to accept ...": a possibility, not a position
                speakers, confidence = _subjects(view, anchor, last, last_sent), 0.7
                if not speakers and view.lang == "ar":
                    agent = _continued_actor(view, covered, cue, si)
                    speakers, confidence = ([agent], 0.65) if agent is not None else ([], 0.7)
            for sp in speakers:
                if sp.start <= cue.start < sp.end:
                    continue
                if any(s < cue.start < e and (view.lang in LATIN or _affiliated(view, who, sp))
                       for s, e, who in covered):  # fmt: skip
                    # a cue inside the topic of a claim already made is part of that topic:
                    # "ready to support", "accused the Europeans of seeking to defend ..."
                    # (Arabic topics run on past clause ends, so there only the same speaker)
                    continue
                qi = view.in_quote[cue.start]
                if qi >= 0 and any(s <= view.quotes[qi].start - 1 < e for s, e, _ in covered):
                    continue  # 'X called on Iran "to refrain from ..."': the quotation is X's topic
                if _pro_form(view, cue) and said is not None and si - said[0] <= 1:
                    # "pledged to lift the ban but said it was not ready to do so": the
                    # pro-form stands for the topic of the claim just before
                    claim = self._claim(view, cue, side, sp, confidence, span=said[1:])
                else:
                    claim = self._claim(view, cue, side, sp, confidence)
                if claim is None:
                    continue
                said = (si, int(claim.extra["topic_start"]), claim_topic_end(claim, doc))
                mode = "quote" if view.in_quote[cue.start] >= 0 else "speech" if speaker else "act"
                claim.extra.update(mode=mode, speech_only=speech_only == "1", via=sp.kb_id_,
                                   carried=sp.start < view.sents[si].start)  # fmt: skip
                end = claim_topic_end(claim, doc)
                if end <= cue.start:
                    # a topic before the cue: the rest of the clause is its comment
                    end = cue.end
                    while end < view.sents[si].end and view.text[end] not in CLAUSE_PUNCT | COMMAS:
                        end += 1
                covered.append((cue.start, end, sp))
                last, last_sent = sp, si
                if claim.confidence >= self.min_confidence:
                    yield claim
                second = self._second(view, cues, cue, claim, sp, confidence)
                if second is not None and second.confidence >= self.min_confidence:
                    covered.append((cue.start, claim_topic_end(second, doc), sp))
                    yield second

    def _owned(self, view: _DocView, cue: Span, owner: Span) -> Claim | None:
        """The claim of the owner of a stance noun: its complement ("Egypt's decision to
        enter ...") or, after "despite"/"over", the main clause; None without either."""
        side = cue.kb_id_.split(":")[0]
        complements = NOMINAL_COMPLEMENTS.get(view.lang, set())
        nxt = view.norm[cue.end] if cue.end < len(view.doc) else ""
        if view.norm[cue.end - 1] in complements or nxt in complements:
            claim = self._claim(view, cue, side, owner, 0.65, noun=True)
        else:
            span = _concessive_clause(view, owner)
            claim = None if span is None else self._claim(view, cue, side, owner, 0.6, span=span)
        if claim is not None:
            claim.extra.update(mode="owner", speech_only=False, via=owner.kb_id_, carried=False)
        return claim

    def _second(self, view: _DocView, cues: list[Span], cue: Span, claim: Claim,
                speaker: Span, confidence: float) -> Claim | None:  # fmt: skip
        """The second of two coordinated calls, by the same speaker: a call for what follows
        « et à », or the opposing act that opens it (« et à s'abstenir de toute provocation »)."""
        conjunct = claim.extra.get("conjunct")
        if not conjunct:
            return None
        first, end = conjunct
        start = first
        while start < end and _is_stop(view, start):
            start += 1
        if start >= end:
            return None
        act = next((c for c in cues if first <= c.start <= start), None)  # « s'abstenir »
        if act is not None and stance_types()[act.label_].polarity == "oppose":
            return self._claim(view, act, act.kb_id_.split(":")[0], speaker, confidence)
        return self._claim(view, cue, "after", speaker, confidence, span=(start, end))

    def _claim(self, view: _DocView, cue: Span, side: str, speaker: Span,
               confidence: float, span: tuple[int, int] | None = None,
               noun: bool = False) -> Claim | None:  # fmt: skip
        doc = view.doc
        start, end = span or _topic_tokens(view, cue, side, speaker)
        if span is None and _against_interests(view, cue, start, end):
            # "such attacks were against Palestinian interests": harmful, said of the subject
            start, end = _topic_tokens(view, cue, "before", speaker)
        if noun:
            # the complement of a noun ends before a verb: "Britain's proposal for X was adopted"
            end = next((k for k in range(start, end) if view.norm[k] in FINITE_AUX), end)
            while end > start and _is_stop(view, end - 1):
                end -= 1
        stance = cue.label_
        conjunct = None
        if stance in ("call_for", "demand") and end > start and span is None:
            if cue.kb_id_.split(":")[1] == "0":  # (a modal, «يريد», "must", has no addressee)
                start, end = _called_to(view, start, end)
            if view.lang == "fr" and _phoned(view, cue, end):
                return None
            conjunct = _second_call(view, start) if view.lang == "fr" else None
            if conjunct is not None:
                end = min(end, conjunct[0])  # « à revenir ... et à s'abstenir ... »
                while end > start and _is_stop(view, end - 1):
                    end -= 1
            start, stance = _stop_demanded(view, start, end, stance)
        if (
            view.lang == "ar"
            and stance == "threaten"
            and start < end
            and _imperfect(view, cue.start)
            and not view.norm[start].startswith("ب")
        ):
            return None  # «الاتفاق يهدد إسرائيل» endangers; a threat is «تهدد بالانسحاب»
        if stance == "condemn" and _sentence_passed(view, start, end):
            return None  # « condamné à 20 ans de réclusion », «أدانته بالسجن»: a verdict
        if end <= start and cue.label_ == "threaten" and len(cue) > 1:
            # "Tehran promised retaliation": the threat itself is what is announced
            start, end = cue.end - 1, cue.end
        if end <= start or all(
            k in view.reporting_tokens or _is_stop(view, k) for k in range(start, end)
        ):
            return None  # nothing said about anything ("je veux le dire")
        polarity = stance_types()[stance].polarity
        negated = _negated(view, cue)
        if negated:
            if polarity == "oppose":
                return None  # "did not condemn" is no support
            stance = NEGATED_STANCE.get(stance, "oppose")
            polarity = "oppose"
        inside = [a for a in view.actors_in(start, end) if a.label_ != speaker.label_]
        qids = tuple(sorted({q for a in inside if (q := _actor_ref(view, a).wikidata)}))
        concept = next((t for t in view.topics
                        if start <= t.start and t.end <= end), None)  # fmt: skip
        entry = view.res.topic_entries.get(concept.label_) if concept else None
        label = doc[start:end].text
        topic = TopicRef(
            topic_iri(view.lang, label),
            label,
            qids,
            f"{ID}concept/{entry.id}" if entry else None,
            entry.labels.get("en") if entry else None,
        )
        if speaker.kb_id_ == "title":
            confidence -= 0.05
        elif speaker.kb_id_ in ("unknown", "anaphor"):
            confidence -= 0.1
        si = view.sent_index(cue.start)
        first = speaker.start if view.sent_index(speaker.start) == si else cue.start
        return Claim.make(
            doc=doc._.stancegraph_id or "",
            actor=_actor_ref(view, speaker),
            stance=stance,
            polarity=polarity,
            topic=topic,
            # the sentence of the cue (and of a speaker named in it) shows its topic too, even
            # where the topic comes first («"...", a averti l'OMS»)
            evidence=(
                _evidence(
                    view,
                    min(cue.start, first),
                    end,
                    lo=min(start, cue.start, first),
                    hi=max(end, cue.end),
                ),
            ),  # fmt: skip
            language=view.lang,
            extractor=NAME,
            conditional=_conditional(view, cue, end),
            negated=negated,
            confidence=confidence,
            date=doc._.stancegraph_date,
            extra={"topic_start": start, "topic_end": end, "conjunct": conjunct},
        )


def claim_topic_end(claim: Claim, doc: Doc) -> int:
    """Token index where the topic of a just-made claim ends."""
    return int(claim.extra.get("topic_end", 0))
