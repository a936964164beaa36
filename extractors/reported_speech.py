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

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_SPACE
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
from .normalize import fold
from .pipeline import keys
from .registry import register
from .resources import LATIN, resources

NAME = "stancegraph.reported_speech.v1"
CLAUSE_PUNCT = {".", ";", ":", "!", "?", "؟", "؛", "…"}
COMMAS = {",", "،"}
QUOTE_CHARS = set("\"'«»“”„‹›‘’")
PRONOUNS = {
    "en": {"he", "she", "they", "we", "i"},
    "fr": {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "nous", "je"},
    "ar": {"هو", "هي", "انه", "انها"},
}
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


class _DocView:
    """Precomputed lookups over one processed Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lang = doc.lang_
        self.res = resources(self.lang)
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.actors = list(doc.spans["stancegraph_actors"])
        self.quotes = list(doc.spans["stancegraph_quotes"])
        # Span objects are made at every access of doc.spans: make them once
        self.negation = list(doc.spans["stancegraph_negation"])
        self.conditions = list(doc.spans["stancegraph_conditions"])
        self.boundary_starts = {s.start for s in doc.spans["stancegraph_boundaries"]}
        self.reporting_starts = {s.start for s in doc.spans["stancegraph_reporting"]}
        self.reporting_tokens = {
            i for s in doc.spans["stancegraph_reporting"] for i in range(s.start, s.end)
        }
        self.in_quote = [-1] * len(doc)
        for qi, q in enumerate(self.quotes):
            for i in range(q.start, q.end):
                self.in_quote[i] = qi
        toks = keys(doc)
        #: per-token folded forms, texts and flags (plain lists: no spaCy Token objects)
        self.norm = [t.folded for t in toks]
        self.text = [t.text for t in toks]
        flags = doc.to_array([IS_PUNCT, IS_SPACE, IS_QUOTE]).astype(bool).T.tolist()
        self.punct: list[bool] = flags[0] if len(doc) else []
        self.space: list[bool] = flags[1] if len(doc) else []
        self.quote: list[bool] = flags[2] if len(doc) else []
        # paragraph number of each token: line breaks counted so far
        breaks = [space and "\n" in text for space, text in zip(self.space, self.text, strict=True)]
        self.paragraph = list(accumulate(breaks, initial=0))[1:]
        titles = self.res.titles.find(toks)
        self.title_tokens = {i for m in titles for i in range(m.start, m.end)}
        self.honorific_tokens = {
            i for m in titles if m.payload == "honorific" for i in range(m.start, m.end)
        }
        self.anonymous_tokens = {
            i for m in titles if m.payload == "anonymous" for i in range(m.start, m.end)
        } - set().union(*(range(a.start, a.end) for a in self.actors))
        self.title_tokens |= {
            i for m in self.res.demonyms.find(toks) for i in range(m.start, m.end)
        }
        self.hedges = self.res.hedges.find(toks)
        self.actor_at: dict[int, Span] = {}
        for a in self.actors:
            for i in range(a.start, a.end):
                self.actor_at[i] = a
        # A capital after a preposition is a place, not the government: "jugé à Paris",
        # «في موسكو». Such mentions are no actors.
        places = [a for a in self.actors if a.kb_id_ == "metonym" and _governed(self, a)]
        if places:
            self.actors = [a for a in self.actors if a not in places]
            for a in places:
                for i in range(a.start, a.end):
                    self.actor_at.pop(i, None)

    def sent_index(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def actors_in(self, start: int, end: int) -> list[Span]:
        return [a for a in self.actors if a.start >= start and a.end <= end]


COMPLEMENTIZERS = {"ان", "بان", "لان"}
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
        a for a in view.actors if k < a.start <= min(sent_end, k + 10) and not _governed(view, a)
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
        return view.in_quote[a.start] < 0 and not _governed(view, a)

    after = [a for a in view.actors if verb.end <= a.start < min(sent.end, verb.end + 12)
             and usable(a) and _gap(view, verb.end, a.start) <= 2]  # fmt: skip
    before = [a for a in view.actors if max(sent.start, verb.start - 12) <= a.start
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
            earlier = [a for a in view.actors if sent.start <= a.start and a.end <= verb.start
                       and usable(a) and _actor_type(view, a) == "person"]  # fmt: skip
            relative = verb.start > 0 and view.norm[verb.start - 1] in RELATIVES
            if earlier and (view.norm[verb.start].startswith("و") or relative):
                # «وقال» continues the subject; «بلاده التي ترى» is his country's view
                return earlier[0]
        return first_after
    if _is_pronoun_subject(view, verb):
        return None
    if last_before is not None and _gap(view, last_before.end, verb.start) <= 1:
        return last_before
    if first_after is not None and _gap(view, verb.end, first_after.start) <= 1:
        return first_after
    if last_before is not None and verb.start - last_before.end <= 8:
        return last_before
    return first_after


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
    for verb in doc.spans["stancegraph_reporting"]:
        if view.in_quote[verb.start] >= 0:
            continue
        si = view.sent_index(verb.start)
        if _negated(view, verb):
            continue  # «لم يقل», "did not say", « n'a pas évoqué »
        if view.lang in LATIN and verb.start > 0 and view.norm[verb.start - 1] in PASSIVE_REPORTING:
            continue  # "Washington is thought to fear", "is said to": nobody is quoted
        if _anonymous_subject(view, verb):
            prev = None  # "officials said", «وقال مسؤولون»: an unnamed source speaks
            continue
        same = [f for f in frames if f.sentence == si]
        speaker: Span | None
        if verb.label_ == "before" and same:
            # «قال X: ...، مضيفا: ...»: the participle continues the sentence's speaker
            speaker = same[-1].speaker
        else:
            speaker = _find_speaker(view, verb, verb.label_)
        carried = False
        if speaker is None and _plural_subject(view, verb):
            continue  # «قالوا», "they said": a group, not the last speaker
        if speaker is None and _unknown_subject(view, verb):
            continue  # "le régime a dénoncé": someone else, not the last speaker
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
        outside = [a for a in view.actors if sent.start <= a.start < sent.end
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
        if speaker is None and prev is not None and (prev[2] == para or qs - prev[1] <= 1):
            speaker = prev[0]
        out.append(speaker)
        if speaker is not None:
            prev = (speaker, qe, para)
    return out


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
    if nxt in COPULAS:
        return True
    j = cue.start - 1
    steps = 0
    while j >= 0 and steps < 3:
        norm = view.norm[j]
        if view.punct[j] or view.space[j] or norm in COMPLEMENTIZERS:
            return True  # the head of its clause
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


def _svo_subject(view: _DocView, cue: Span) -> Span | None:
    """An Arabic subject before its verb, opening its clause: «إيران ستزيد», «لكن موسكو انتقدت»
    (not the genitive in «مصير الرئيس السوري يجب»)."""
    b = view.actor_at.get(cue.start - 1)
    if b is None or _governed(view, b):
        return None
    k = b.start - 1
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
        return _svo_subject(view, cue)
    j = cue.start - 1
    aux = AUX.get(view.lang, set())
    while j >= 0 and view.norm[j] in aux and cue.start - j <= 3:
        j -= 1
    a = view.actor_at.get(j)
    return a if a is not None and not _governed(view, a) else None


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
            nxt = view.actor_at.get(k)
            if nxt is None or nxt.start != k or nxt is last:
                break
            if view.lang == "ar" and k == last.end and not view.norm[k].startswith("و"):
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
    return [chosen.speaker, *chosen.also], True


CONJUNCTIONS = {"and", "et", "و"}


def _conjoined_before(view: _DocView, a: Span) -> list[Span]:
    """The actors listed up to ``a``: "the EU, Russia and China" → [EU, Russia, China]."""
    out = [a]
    while True:
        j = out[0].start - 1
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
    if (
        j >= sent.start
        and view.norm[j] in PRONOUNS.get(view.lang, set())
        and last is not None
        and view.sent_index(cue.start) - last_sent <= CARRY_SENTENCES
    ):
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
    clause = [a for a in view.actors if i < a.start and a.end <= cue.start]
    subjects = [a for a in clause if not _governed(view, a)]
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
COPULAS = {"is", "are", "was", "were", "remains", "est", "sont", "etait", "reste", "هو", "هي", "هم"}
PASSIVE_REPORTING = {"is", "are", "was", "were", "been", "being", "est", "sont", "ete", "etait"}
PASSIVE_AUX = {"was", "were", "been", "being", "ete", "etee", "etes", "etees"}
AGENT_MARKERS = {"by", "par"}


def _is_passive(view: _DocView, cue: Span) -> bool:
    """True for "was rejected", "a été écartée": the subject is not the one who acts
    (not for adjectives of stance: "was ready to", "was opposed to", « était prêt à »)."""
    doc = view.doc
    if cue.label_ in ("willing", "intend"):
        return False
    if cue.end < len(doc) and view.norm[cue.end] in {"to", "a", "de", "d'"}:
        return False
    j = cue.start - 1
    while j >= 0 and view.norm[j] in {"also", "already", "aussi", "deja", "not", "pas", "ne", "n'"}:
        j -= 1
    return j >= 0 and view.norm[j] in PASSIVE_AUX


def _agent(view: _DocView, cue: Span) -> list[Span]:
    """The agent of a passive ("was welcomed by Beijing"), if named right after the cue."""
    doc = view.doc
    for i in range(cue.end, min(len(doc), cue.end + 6)):
        if view.norm[i] in AGENT_MARKERS:
            nxt = [a for a in view.actors if i < a.start <= i + 3]
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
                                   or view.text[j] in QUOTE_CHARS):  # fmt: skip
            j -= 1
        if nxt not in COPULAS and j >= sent.start and view.norm[j] in COPULAS:
            side = "before-copula"
            copula_at = j
    if side in ("after", "either"):
        # «وتطالب الصين، مستندة إلى خرائط ...، بالسيادة»: a parenthesis opening the phrase
        # is skipped, the topic is what follows it
        k = topic_from
        while k < sent.end and (view.space[k] or view.text[k] in QUOTE_CHARS):
            k += 1
        if k < sent.end and view.text[k] in COMMAS:
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
            if text in COMMAS and (
                any(not _is_stop(view, k) for k in range(topic_from, i))
                or (i > topic_from and view.text[i - 1] in QUOTE_CHARS)
            ):  # a comma after the closing quote of the cue's own words ends the phrase too
                break
            if i > topic_from and (i in view.boundary_starts or i in view.reporting_starts):
                break
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
    if end - start <= 1 and side == "after":
        j = cue.start - 1
        if j >= sent.start and view.norm[j] in RELATIVES:
            # «عملية السلام التي ترفضها حماس», «جبهة واسعة كتلك التي اقترح بوتين تشكيلها»,
            # "the plan which X rejected": the antecedent is the topic
            side = "relative"
            start = end = cue.end
    if end <= start and side in ("before", "either", "quote", "before-copula", "relative"):
        i = cue.start - 1
        if side == "relative":
            i -= 1
        if side == "before-copula":
            i = copula_at - 1  # "the meeting was "much more efficient"": the subject
        while i >= sent.start and _is_stop(view, i):
            i -= 1  # skip the comma and closing quote of '"...", a dénoncé X'
        stop = i + 1
        qi = view.in_quote[cue.start]
        floor = max(sent.start, view.quotes[qi].start) if qi >= 0 else sent.start
        if side == "before-copula" and copula_at < floor:
            floor = sent.start  # 'The conference was a "vital step"': the subject is outside
        while i >= floor and stop - i <= MAX_TOPIC:
            text = view.text[i]
            if text in CLAUSE_PUNCT or i in view.reporting_starts:
                break
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


CALL_MARKERS = {"en": {"to"}, "fr": {"a"}, "ar": {fold("إلى"), "الى"}}


def _called_to(view: _DocView, start: int, end: int) -> tuple[int, int]:
    """ "called on the great powers to intervene", « appelé l'Iran à revenir », «دعا الدول
    الكبرى إلى التدخل»: the topic is what the addressee is called to do."""
    markers = CALL_MARKERS.get(view.lang, set())
    sent_end = view.sents[view.sent_index(start)].end
    for k in range(start + 1, min(sent_end, start + 14)):
        if view.text[k] in CLAUSE_PUNCT:
            break
        if view.norm[k] in markers and any(not _is_stop(view, m) for m in range(start, k)):
            new_end = end
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


def _negated(view: _DocView, cue: Span) -> bool:
    sent = view.sents[view.sent_index(cue.start)]
    for neg in view.negation:
        if neg.start == cue.end and neg.label_ == "before":
            return True  # a modal cue followed by its negator: "would not", «يجب ألا»
        window = int(neg.kb_id_ or 3)
        if neg.label_ == "before" and neg.end <= cue.start and cue.start - neg.end < window:
            gap = view.text[neg.end : cue.start]
            if neg.start >= sent.start and not any(t in CLAUSE_PUNCT | COMMAS for t in gap):
                return True
        if neg.label_ == "after" and neg.start >= cue.end and neg.start - cue.end < window:
            gap = view.text[cue.end : neg.start]
            if neg.end <= sent.end and not any(t in CLAUSE_PUNCT | COMMAS for t in gap):
                # French "ne ... pas" needs the "ne" too; a bare "pas" after a verb is enough
                return True
        if neg.label_ == "after" and neg.end <= cue.start and cue.start - neg.end < 2:
            return True  # "ne peut pas accepter": the negator sits between aux and cue
    return False


def _conditional(view: _DocView, cue: Span, topic_end: int) -> bool:
    """A condition marker just before the cue, inside its topic, or right after it."""
    sent = view.sents[view.sent_index(cue.start)]
    for c in view.conditions:
        if not (sent.start <= c.start < sent.end):
            continue
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


def _evidence(view: _DocView, start: int, end: int) -> Evidence:
    doc = view.doc
    sent = view.sents[view.sent_index(start)]
    span = (
        sent if len(sent.text) <= 400 else doc[max(sent.start, start - 8) : min(sent.end, end + 2)]
    )
    text = span.text
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    begin = span.start_char + lead
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
        cues = list(doc.spans["stancegraph_cues"])
        for n, cue in enumerate(cues):
            if _deferred(view, cue, cues[n + 1] if n + 1 < len(cues) else None):
                continue
            if view.lang == "ar" and cue.start > 0 and view.norm[cue.start - 1] == "ما":
                continue  # «ما طالب به الشعب»: what someone else demanded (or «ما قال», negated)
            side, speech_only, *how = cue.kb_id_.split(":")
            morphological = bool(how)  # found by a pattern (a future verb), not a listed word
            if side == "either" and not _predicative(view, cue):
                continue  # "acceptable solutions", «حلول مقبولة»: an attribute, not a judgement
            si = view.sent_index(cue.start)
            for f in frames:  # the latest speaker before this sentence
                if last_sent <= f.sentence < si:
                    last, last_sent = f.speaker, f.sentence
            found, in_speech = _speakers_for(view, frames, quote_speakers, cue)
            speaker = found[0] if found else None
            if view.lang in LATIN and _is_passive(view, cue):
                # "were rejected by Beijing and Moscow": the agent acts, whoever reports it
                speaker, in_speech = None, False
            if in_speech and speaker is None:
                continue  # a quotation nobody is credited with
            if speaker is not None:
                inner = _inner_subject(view, cue)
                if inner is not None and not _affiliated(view, inner, speaker):
                    continue  # "X said that Y rejected ...": Y's act as X tells it, not X's stance
                speakers, confidence = found, 0.75
            elif speech_only == "1":
                # "must", «يجب»: a position only when somebody says it, or with an explicit
                # subject of its own («ويريد عباس ...», "Abbas wants ...")
                inner = None if morphological else _inner_subject(view, cue)
                if inner is None or (view.lang == "ar" and inner.start >= cue.end):
                    continue  # after an Arabic noun the actor is its genitive («حليفة روسيا»)
                speakers, confidence = [inner], 0.65
            elif view.lang == "ar" and _nominal_ar(view, cue):
                # a verbal noun («بموافقة», «الداعم», «للتنديد») takes the actor that follows
                # it as its agent («ترحيب السعودية بالاتفاق»); without one, nobody is named
                agent = view.actor_at.get(cue.end)
                if agent is None or agent.start != cue.end or _governed(view, agent):
                    continue
                speakers, confidence = [agent], 0.65
            else:
                if _hedged(view, cue):
                    continue  # "Turkey may have to accept ...": a possibility, not a position
                speakers, confidence = _subjects(view, cue, last, last_sent), 0.7
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
                claim = self._claim(view, cue, side, sp, confidence)
                if claim is None:
                    continue
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

    def _claim(self, view: _DocView, cue: Span, side: str, speaker: Span,
               confidence: float) -> Claim | None:  # fmt: skip
        doc = view.doc
        start, end = _topic_tokens(view, cue, side, speaker)
        if cue.label_ in ("call_for", "demand") and end > start:
            start, end = _called_to(view, start, end)
        if end <= start and cue.label_ == "threaten" and len(cue) > 1:
            # "Tehran promised retaliation": the threat itself is what is announced
            start, end = cue.end - 1, cue.end
        if end <= start or all(
            k in view.reporting_tokens or _is_stop(view, k) for k in range(start, end)
        ):
            return None  # nothing said about anything ("je veux le dire")
        stance = cue.label_
        polarity = stance_types()[stance].polarity
        negated = _negated(view, cue)
        if negated:
            if polarity == "oppose":
                return None  # "did not condemn" is no support
            stance = NEGATED_STANCE.get(stance, "oppose")
            polarity = "oppose"
        inside = [a for a in view.actors_in(start, end) if a.label_ != speaker.label_]
        qids = tuple(sorted({q for a in inside if (q := _actor_ref(view, a).wikidata)}))
        concept = next((t for t in doc.spans["stancegraph_topics"]
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
        elif speaker.kb_id_ == "unknown":
            confidence -= 0.1
        si = view.sent_index(cue.start)
        first = speaker.start if view.sent_index(speaker.start) == si else cue.start
        return Claim.make(
            doc=doc._.stancegraph_id or "",
            actor=_actor_ref(view, speaker),
            stance=stance,
            polarity=polarity,
            topic=topic,
            evidence=(_evidence(view, min(cue.start, first), end),),
            language=view.lang,
            extractor=NAME,
            conditional=_conditional(view, cue, end),
            negated=negated,
            confidence=confidence,
            date=doc._.stancegraph_date,
            extra={"topic_end": end},
        )


def claim_topic_end(claim: Claim, doc: Doc) -> int:
    """Token index where the topic of a just-made claim ends."""
    return int(claim.extra.get("topic_end", 0))
