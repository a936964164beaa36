"""Claims, positions and query results as pandas tables, for notebooks.

pandas is an optional dependency (``pip install -e '.[notebooks]'``), imported when a
function is called.

- :func:`claims_frame`: claim rows of a graph (one per claim, flat);
- :func:`claims_table`: claims with their evidence highlighted in the original text, as
  HTML (``dir="rtl"`` for Arabic);
- :func:`position_matrix`: actor × topic positions, support minus oppose claims;
- :func:`topic_claims` and :func:`topic_timeline`: one topic's claims over time;
- :func:`community_table`: the members of network communities;
- :func:`sparql_frame`: a SPARQL SELECT result, IRIs written with the graph's prefixes.

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> text = "Russia rejected the plan."
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
...     stance="reject", polarity="oppose", topic=TopicRef(topic_iri("en", "the plan"), "the plan"),
...     evidence=(Evidence("rejected the plan", 7, 24),), language="en", extractor="x.v1")
>>> evidence_html(c, text)
'<div dir="ltr" lang="en">Russia <mark>rejected <b>the plan</b></mark>.</div>'
>>> from graph.build import build_graph
>>> position_matrix(build_graph([c])).to_dict()
{'the plan': {'Russia': -1.0}}
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef

from extractors.claims import Claim

from . import networks
from .query import ClaimRow, claim_rows, match_topics, sparql

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_BREAK = re.compile(r"[.!?؟\n]")


def _pd() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - the extra is installed by the tests
        raise ImportError("graph.tables needs pandas: pip install -e '.[notebooks]'") from exc
    return pd


def is_rtl(text: str, language: str | None = None) -> bool:
    """Whether a text is written right to left (Arabic).

    >>> is_rtl("قال بوتين"), is_rtl("Putin said"), is_rtl("", "ar")
    (True, False, True)
    """
    return language == "ar" or bool(_ARABIC.search(text))


def _context(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """The span of the sentence(s) around ``start:end``, at most ``width`` characters more
    on each side (cut at a space)."""
    lo = max(0, start - width)
    breaks = [m.end() for m in _BREAK.finditer(text, lo, start)]
    if breaks:
        lo = breaks[-1]
    elif lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    hi = min(len(text), end + width)
    m = _BREAK.search(text, end, hi)
    if m:
        hi = m.end()
    elif hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def _mark(span: str, topic: str) -> str:
    """The evidence text, escaped, with the topic phrase in bold where it occurs."""
    i = span.find(topic) if topic else -1
    if i < 0:
        return html.escape(span)
    j = i + len(topic)
    return f"{html.escape(span[:i])}<b>{html.escape(topic)}</b>{html.escape(span[j:])}"


def evidence_html(claim: Claim, text: str | None = None, *, context: int = 80) -> str:
    """A claim's evidence in the original ``text``: each span in its sentence, marked with
    ``<mark>`` (the topic phrase in bold), in a ``<div>`` with ``dir="rtl"`` for Arabic.
    Without ``text`` the evidence spans are shown alone. Everything is HTML-escaped.
    """
    parts = []
    for ev in claim.evidence:
        marked = f"<mark>{_mark(ev.text, claim.topic.label)}</mark>"
        if text is not None and text[ev.start : ev.end] == ev.text:
            lo, hi = _context(text, ev.start, ev.end, context)
            before = ("…" if lo > 0 else "") + html.escape(text[lo : ev.start].lstrip())
            after = html.escape(text[ev.end : hi].rstrip()) + ("…" if hi < len(text) else "")
            parts.append(before + marked + after)
        else:
            parts.append(marked)
    rtl = is_rtl("".join(e.text for e in claim.evidence), claim.language)
    lang = html.escape(claim.language)
    body = "<br>".join(parts)
    return f'<div dir="{"rtl" if rtl else "ltr"}" lang="{lang}">{body}</div>'


def _topic_html(claim: Claim) -> str:
    label = html.escape(claim.topic.label)
    rtl = is_rtl(claim.topic.label, claim.language)
    out = f'<span dir="{"rtl" if rtl else "ltr"}">{label}</span>'
    if claim.topic.concept_label:
        out += f"<br><small>→ {html.escape(claim.topic.concept_label)}</small>"
    return out


def claims_frame(kg: Graph | Sequence[ClaimRow], **filters: Any) -> Any:
    """The claims of a graph as a DataFrame, one row per claim (the fields of
    :class:`graph.query.ClaimRow`), filtered as :func:`graph.query.claim_rows`."""
    pd = _pd()
    rows = list(kg) if not isinstance(kg, Graph) else claim_rows(kg, **filters)
    columns = list(ClaimRow.__dataclass_fields__)
    return pd.DataFrame([r.to_json() for r in rows], columns=columns)


def claims_table(
    claims: Iterable[Claim], texts: Mapping[str, str] | None = None, *, context: int = 80
) -> Any:
    """Claims as a table to read: actor, stance, polarity, topic (and its canonical topic),
    conditional, negated, and the evidence highlighted in the original text (``texts``:
    document id → text). Returns a pandas ``Styler`` (it displays as HTML in a notebook;
    ``.data`` is the DataFrame, whose ``evidence`` column holds the HTML).
    """
    pd = _pd()
    texts = texts or {}
    rows = []
    for c in sorted(
        claims, key=lambda c: (c.doc, min((e.start for e in c.evidence), default=0), c.id)
    ):
        rows.append({
            "actor": html.escape(c.actor.label),
            "stance": c.stance,
            "polarity": c.polarity,
            "topic": _topic_html(c),
            "conditional": c.conditional,
            "negated": c.negated,
            "evidence": evidence_html(c, texts.get(c.doc), context=context),
        })  # fmt: skip
    columns = ["actor", "stance", "polarity", "topic", "conditional", "negated", "evidence"]
    df = pd.DataFrame(rows, columns=columns)
    colors = {"support": "color: #2166ac", "oppose": "color: #b2182b"}
    return (
        df.style.hide(axis="index")
        .map(lambda v: colors.get(v, ""), subset=["polarity"])
        .set_properties(subset=["evidence"], **{"max-width": "46em"})
        .set_table_attributes('class="stancegraph-claims"')
    )


def _unique_labels(labels: dict[str, str]) -> dict[str, str]:
    """Labels for nodes, made unique by appending the IRI's last part where two share one."""
    count: dict[str, int] = {}
    for label in labels.values():
        count[label] = count.get(label, 0) + 1
    return {n: label if count[label] == 1 else f"{label} ({n.rsplit('/', 1)[-1]})"
            for n, label in labels.items()}  # fmt: skip


def position_matrix(
    kg: Graph | list[ClaimRow], *, top_actors: int | None = None, top_topics: int | None = None,
    **filters: Any,
) -> Any:  # fmt: skip
    """Actor × topic positions: support minus oppose claims (NaN where the actor said
    nothing on the topic), rows and columns labelled (unique labels), ordered by number of
    claims. ``top_topics`` keeps the most discussed topics, ``top_actors`` the actors with
    the most claims on them (actors with none on them are left out); filters as
    :func:`graph.networks.actor_topic` (``since``, ``until``, ``topic_by``, ``lang``…).
    """
    pd = _pd()
    B = networks.actor_topic(kg, **filters)
    actors = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    topics = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]

    def ranked(nodes: list[str], top: int | None) -> list[str]:
        nodes = sorted(nodes, key=lambda n: (-B.nodes[n]["claims"], B.nodes[n]["label"], n))
        return nodes[:top] if top is not None else nodes

    topics = ranked(topics, top_topics)
    # actors with a position on a topic shown, the most active on those topics first
    shown = set(topics)
    on_shown = {a: sum(e["weight"] for t, e in B[a].items() if t in shown) for a in actors}
    actors = sorted((a for a in actors if on_shown[a]),
                    key=lambda a: (-on_shown[a], B.nodes[a]["label"], a))  # fmt: skip
    actors = actors[:top_actors] if top_actors is not None else actors
    a_label = _unique_labels({a: B.nodes[a]["label"] for a in actors})
    t_label = _unique_labels({t: B.nodes[t]["label"] for t in topics})
    df = pd.DataFrame(float("nan"), index=[a_label[a] for a in actors],
                      columns=[t_label[t] for t in topics], dtype=float)  # fmt: skip
    for a in actors:
        for t in topics:
            e = B.get_edge_data(a, t)
            if e is not None:
                df.loc[a_label[a], t_label[t]] = float(e["support"] - e["oppose"])
    df.index.name, df.columns.name = "actor", "topic"
    return df


def topic_claims(kg: Graph, topic: str | None = None, **filters: Any) -> Any:
    """The claims on one topic (a name in any language, as
    :func:`graph.query.match_topics`; a claim counts when its phrase or its canonical topic
    matches), or on the topic with the most dated claims when ``topic`` is None. A
    DataFrame sorted by date (the fields of :class:`graph.query.ClaimRow`, ``date`` as a
    timestamp); ``.attrs["topic"]`` is the topic asked for or chosen.
    """
    pd = _pd()
    lang = filters.get("lang", "en")
    if topic is None:
        rows = [r for r in claim_rows(kg, **filters) if r.date]
        counts: dict[tuple[str, str], int] = {}
        for r in rows:
            counts[(r.key, r.key_label)] = counts.get((r.key, r.key_label), 0) + 1
        if counts:
            (key, label), _ = min(counts.items(), key=lambda x: (-x[1], x[0][1], x[0][0]))
            rows = [r for r in rows if r.key == key]
        else:
            label = ""
    else:
        found = match_topics(kg, topic, lang=lang)
        rows = claim_rows(kg, topics=[m.iri for m in found], **filters) if found else []
        label = topic
    df = claims_frame(rows)
    df["date"] = pd.to_datetime(df["date"])
    df = df.sort_values(["date", "actor_label", "claim"], kind="stable").reset_index(drop=True)
    df.attrs["topic"] = label
    return df


def topic_timeline(claims: Any, *, freq: str = "M") -> Any:
    """Positions over time from :func:`topic_claims`: per period (``freq``: ``"M"`` month,
    ``"Q"`` quarter, ``"Y"`` year, ``"D"`` day) and actor, the number of support and oppose
    claims and their difference ``net``. Undated claims are left out.
    """
    pd = _pd()
    dated = claims.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame(columns=["period", "actor", "support", "oppose", "net"])
    period = dated["date"].dt.to_period(freq).astype(str)
    counts = (
        dated.assign(period=period, actor=dated["actor_label"])
        .pivot_table(
            index=["period", "actor"],
            columns="polarity",
            values="claim",
            aggfunc="count",
            fill_value=0,
        )  # fmt: skip
        .reindex(columns=["support", "oppose"], fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["net"] = counts["support"] - counts["oppose"]
    return counts.sort_values(["period", "actor"]).reset_index(drop=True)


def community_table(G: Any, communities: Sequence[Iterable[str]]) -> Any:
    """The communities of a network as a DataFrame: community number, size, and the labels
    of its members (sorted)."""
    pd = _pd()
    rows = []
    for i, members in enumerate(communities):
        labels = sorted(str(G.nodes[n].get("label", n)) for n in members)
        rows.append({"community": i, "size": len(labels), "members": ", ".join(labels)})
    return pd.DataFrame(rows, columns=["community", "size", "members"])


def _value(kg: Graph, v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, URIRef):
        try:
            return kg.namespace_manager.curie(str(v), generate=False)
        except (KeyError, ValueError):
            return str(v)
    if isinstance(v, Literal):
        py = v.toPython()
        if isinstance(py, Decimal):
            return float(py)
        return py if isinstance(py, (int, float, bool)) else str(v)
    return str(v)


def sparql_frame(kg: Graph, query: str, bindings: Mapping[str, Any] | None = None) -> Any:
    """A SPARQL SELECT (see :func:`graph.query.sparql`; the graph's prefixes are declared)
    as a DataFrame: IRIs as prefixed names where a prefix fits, numbers as numbers, other
    literals as text, unbound values as None."""
    pd = _pd()
    res = sparql(kg, query, bindings)
    if res.kind == "ASK":
        return pd.DataFrame({"answer": [res.answer]})
    rows = [[_value(kg, v) for v in row] for row in res.rows]
    return pd.DataFrame(rows, columns=res.vars)
