"""Pictures of a stance graph, for notebooks: the stance network (actors → topics, support
and oppose edges in two clearly different styles), congruence and conflict networks with
their communities, the actor × topic position matrix, counts, and one topic over time.

matplotlib, arabic-reshaper and python-bidi are optional dependencies
(``pip install -e '.[notebooks]'``), imported when a function is called. Arabic labels are
shaped (letters joined) and put in display order (right to left) by :func:`display_label`,
since matplotlib draws text left to right, letter by letter.

Every function draws on ``ax`` when given, else on a new figure, and returns the axes.

>>> display_label("coalition against ISIS", width=12)
'coalition\\nagainst ISIS'
>>> display_label("الحل السياسي") == "\\ufef2\\ufeb3\\ufe8e\\ufef4\\ufeb4\\ufedf\\ufe8d \\ufede\\ufea4\\ufedf\\ufe8d"
True
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import Graph

from . import networks
from .tables import is_rtl

#: How each polarity of an actor → topic edge is drawn: support solid blue, oppose dashed
#: red, mixed (both) dash-dotted purple. Colour and line style differ, so the picture also
#: reads in grey or for colour-blind readers.
EDGE_STYLES: dict[str, dict[str, str]] = {
    "support": {"color": "#2166ac", "linestyle": "solid"},
    "oppose": {"color": "#b2182b", "linestyle": "dashed"},
    "mixed": {"color": "#7b3294", "linestyle": "dashdot"},
}
NETWORK_STYLES = {"congruence": EDGE_STYLES["support"], "conflict": EDGE_STYLES["oppose"]}
_ACTOR_COLOR, _TOPIC_COLOR, _CONCEPT_COLOR = "#f4a582", "#e0e0e0", "#bababa"


def _plt() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - the extra is installed by the tests
        raise ImportError("graph.viz needs matplotlib: pip install -e '.[notebooks]'") from exc
    return plt


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, ax = _plt().subplots(figsize=figsize)
    return ax


def display_label(text: str, width: int | None = 28) -> str:
    """A label ready for matplotlib: wrapped to ``width`` characters per line (None: not
    wrapped) and, when it holds Arabic, shaped and reordered for display, line by line."""
    text = " ".join(str(text).split())
    lines = textwrap.wrap(text, width) if width else [text]
    if not is_rtl(text):
        return "\n".join(lines)
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display
    except ImportError as exc:  # pragma: no cover - the extra is installed by the tests
        raise ImportError(
            "Arabic labels need arabic-reshaper and python-bidi: pip install -e '.[notebooks]'"
        ) from exc
    return "\n".join(str(get_display(arabic_reshaper.reshape(line))) for line in lines)


def _bipartite(kg: Graph | nx.Graph, filters: dict[str, Any]) -> nx.Graph:
    return kg if isinstance(kg, nx.Graph) else networks.actor_topic(kg, **filters)


def stance_edges(kg: Graph | nx.Graph, **filters: Any) -> list[dict[str, Any]]:
    """The edges of the stance network as drawn by :func:`draw_stance_network`: actor,
    topic, polarity, claim counts, colour and line style (one dict per edge).

    ``kg`` is a graph (see :func:`graph.networks.actor_topic` for ``filters``) or the
    actor–topic network itself."""
    B = _bipartite(kg, filters)
    out = []
    for u, v, e in B.edges(data=True):
        a, t = (u, v) if B.nodes[u]["bipartite"] == 0 else (v, u)
        style = EDGE_STYLES[e["polarity"]]
        out.append({"actor": B.nodes[a]["label"], "topic": B.nodes[t]["label"],
                    "polarity": e["polarity"], "support": e["support"], "oppose": e["oppose"],
                    "color": style["color"], "linestyle": style["linestyle"]})  # fmt: skip
    out.sort(key=lambda d: (d["actor"], d["topic"]))
    return out


def _layered(B: nx.Graph) -> dict[str, tuple[float, float]]:
    """Actors in a column on the left, topics on the right, each ordered by the mean rank
    of its neighbours so that edges cross little."""
    actors = sorted((n for n, d in B.nodes(data=True) if d["bipartite"] == 0),
                    key=lambda n: (-B.nodes[n]["claims"], B.nodes[n]["label"], n))  # fmt: skip
    topics = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]

    def order(nodes: list[str], ranked: list[str]) -> list[str]:
        rank = {n: i for i, n in enumerate(ranked)}

        def key(n: str) -> tuple[float, str, str]:
            near = [rank[m] for m in B[n] if m in rank]
            return (sum(near) / len(near) if near else math.inf, B.nodes[n]["label"], n)

        return sorted(nodes, key=key)

    topics = order(topics, actors)
    actors = order(actors, topics)
    pos: dict[str, tuple[float, float]] = {}
    for x, column in ((0.0, actors), (1.0, topics)):
        n = len(column)
        for i, node in enumerate(column):
            pos[node] = (x, 1 - (i + 0.5) / n)
    return pos


def _legend(ax: Any, styles: Mapping[str, Mapping[str, Any]], **kw: Any) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], lw=2.5, label=name, color=st["color"], linestyle=st["linestyle"])
        for name, st in styles.items()
    ]
    ax.legend(handles=handles, frameon=False, **kw)


def draw_stance_network(
    kg: Graph | nx.Graph,
    *,
    ax: Any = None,
    title: str | None = None,
    label_width: int = 30,
    **filters: Any,
) -> Any:
    """Draw the stance network: actors (circles, left) with arrows to the topics they took a
    position on (squares, right; canonical topics in bold). Support edges are solid blue,
    oppose edges dashed red, mixed dash-dotted purple (:data:`EDGE_STYLES`), thicker for
    more claims. Each arrow has ``gid`` ``"<polarity>|<actor>|<topic>"`` (labels).

    ``kg`` is a graph (``filters`` as :func:`graph.networks.actor_topic`) or the
    actor–topic network."""
    from matplotlib.patches import FancyArrowPatch

    B = _bipartite(kg, filters)
    n = max([sum(d["bipartite"] == b for _, d in B.nodes(data=True)) for b in (0, 1)] + [1])
    ax = _axes(ax, (11, 0.55 * n + 1.5))
    pos = _layered(B)
    for u, v, e in sorted(B.edges(data=True), key=lambda x: (x[0], x[1])):
        a, t = (u, v) if B.nodes[u]["bipartite"] == 0 else (v, u)
        style = EDGE_STYLES[e["polarity"]]
        arrow = FancyArrowPatch(
            pos[a], pos[t], arrowstyle="-|>", mutation_scale=14, shrinkA=9, shrinkB=9,
            lw=1.2 + 0.6 * min(e["weight"], 6), color=style["color"],
            linestyle=style["linestyle"], alpha=0.85, zorder=1,
            gid=f"{e['polarity']}|{B.nodes[a]['label']}|{B.nodes[t]['label']}",
        )  # fmt: skip
        ax.add_patch(arrow)
    for node, (x, y) in pos.items():
        d = B.nodes[node]
        is_actor = d["bipartite"] == 0
        color = _ACTOR_COLOR if is_actor else (_CONCEPT_COLOR if d.get("concept") else _TOPIC_COLOR)
        ax.scatter([x], [y], s=180, marker="o" if is_actor else "s", color=color,
                   edgecolor="#404040", zorder=2)  # fmt: skip
        ax.text(x - 0.03 if is_actor else x + 0.03, y, display_label(d["label"], label_width),
                ha="right" if is_actor else "left", va="center", fontsize=10,
                fontweight="bold" if is_actor or d.get("concept") else "normal")  # fmt: skip
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(0, 1)
    ax.axis("off")
    present = {e["polarity"] for _, _, e in B.edges(data=True)}
    styles = {k: v for k, v in EDGE_STYLES.items() if k != "mixed" or k in present}
    _legend(ax, styles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(styles))
    if title:
        ax.set_title(title)
    return ax


def communities(
    G: nx.Graph, *, method: str = "louvain", seed: int = 0, weight: str = "weight"
) -> list[frozenset[str]]:
    """Communities of a network (modularity): ``louvain`` (networkx's Louvain, ``seed`` for
    repeatable results) or ``greedy`` (Clauset–Newman–Moore). Largest first; isolated
    nodes are communities of one.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y']]
    """
    if G.number_of_edges() == 0:
        found: Iterable[Iterable[str]] = [{n} for n in G]
    elif method == "louvain":
        found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(G, weight=weight)
    else:
        raise ValueError(f"unknown community method {method!r}; available: greedy, louvain")
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def _component_layout(H: nx.Graph, seed: int) -> dict[str, Any]:
    """Spring layout per connected component (largest first), the components side by side
    in rows, each in a cell sized by its number of nodes: nothing is pushed to the edges."""
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c))
    pos: dict[str, Any] = {}
    x = y = row_height = 0.0
    row_width = 2.2 * math.sqrt(len(comps[0])) + 2.0
    for comp in comps:
        size = 1.0 if len(comp) == 1 else 1.1 * math.sqrt(len(comp))
        if x > 0 and x + 2 * size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.8, 0.0
        sub = H.subgraph(comp)
        local = (
            nx.spring_layout(
                sub,
                seed=seed,
                weight="weight",
                k=1.6 / math.sqrt(len(comp)),
                scale=size,
                center=(x + size, y - size),
            )  # fmt: skip
            if len(comp) > 1
            else {comp[0]: (x + size, y - size)}
        )
        pos.update(local)
        x += 2 * size + 0.8
        row_height = max(row_height, 2 * size)
    return pos


def draw_actor_network(
    G: nx.Graph,
    groups: Sequence[Iterable[str]] | None = None,
    *,
    ax: Any = None,
    title: str | None = None,
    seed: int = 0,
    drop_isolates: bool = True,
    label_width: int = 18,
) -> Any:
    """Draw an actor network (:func:`graph.networks.congruence` or
    :func:`~graph.networks.conflict`): nodes coloured by community (``groups``, e.g. from
    :func:`communities`) and sized by claims, edges as wide as their weight, congruence
    solid blue and conflict dashed red. Isolated actors are left out unless
    ``drop_isolates=False``."""
    plt = _plt()
    H = G.copy()
    if drop_isolates:
        H.remove_nodes_from(list(nx.isolates(H)))
    ax = _axes(ax, (10, 7.5))
    ax.axis("off")
    if title:
        ax.set_title(title)
    if H.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no links", ha="center", va="center")
        return ax
    pos = _component_layout(H, seed)
    style = NETWORK_STYLES.get(G.graph.get("kind", ""), {"color": "#707070", "linestyle": "solid"})
    weights = [float(d.get("weight", 1)) for _, _, d in H.edges(data=True)]
    top = max(weights, default=1.0) or 1.0
    nx.draw_networkx_edges(H, pos, ax=ax, width=[1 + 3 * w / top for w in weights],
                           edge_color=style["color"], style=style["linestyle"], alpha=0.7)  # fmt: skip
    palette = plt.get_cmap("tab10")
    member = {n: i for i, group in enumerate(groups or []) for n in group}
    colors = [palette(member[n] % 10) if n in member else "#bdbdbd" for n in H]
    sizes = [150 + 60 * min(int(H.nodes[n].get("claims", 1)), 12) for n in H]
    nx.draw_networkx_nodes(H, pos, ax=ax, node_color=colors, node_size=sizes,
                           edgecolors="#404040")  # fmt: skip
    labels = {n: display_label(H.nodes[n].get("label", n), label_width) for n in H}
    nx.draw_networkx_labels(H, pos, labels=labels, ax=ax, font_size=9,
                            bbox={"facecolor": "white", "alpha": 0.7, "lw": 0, "pad": 1})  # fmt: skip
    ax.margins(0.12)
    return ax


def draw_position_matrix(M: Any, *, ax: Any = None, title: str | None = None) -> Any:
    """Draw an actor × topic matrix (:func:`graph.tables.position_matrix`) as a heat map:
    blue for support, red for oppose, blank where the actor said nothing; each cell shows
    support minus oppose."""
    import numpy as np

    plt = _plt()
    values = np.ma.masked_invalid(M.to_numpy(dtype=float))
    rows, cols = values.shape
    ax = _axes(ax, (max(6, 0.6 * cols + 3), max(4, 0.4 * rows + 2.5)))
    bound = max(1.0, float(np.nanmax(np.abs(M.to_numpy(dtype=float)))) if values.count() else 1.0)
    image = ax.imshow(values, cmap=plt.get_cmap("RdBu"), vmin=-bound, vmax=bound, aspect="auto")
    ax.set_xticks(range(cols), [display_label(c, 22) for c in M.columns], rotation=60,
                  ha="right", rotation_mode="anchor", fontsize=9)  # fmt: skip
    ax.set_yticks(range(rows), [display_label(r, None) for r in M.index], fontsize=9)
    present = ~np.ma.getmaskarray(values)
    for i in range(rows):
        for j in range(cols):
            if present[i, j]:
                v = float(values[i, j])
                ax.text(j, i, f"{v:+.0f}" if v else "0", ha="center", va="center", fontsize=8,
                        color="white" if abs(v) > bound * 0.6 else "black")  # fmt: skip
    ax.figure.colorbar(image, ax=ax, label="support − oppose (claims)", shrink=0.8)
    ax.set_xlabel(M.columns.name or "")
    ax.set_ylabel(M.index.name or "")
    if title:
        ax.set_title(title)
    return ax


def draw_counts(counts: Any, *, ax: Any = None, title: str | None = None, top: int = 15) -> Any:
    """A horizontal bar chart of counts (a mapping or pandas Series of label → count), the
    ``top`` largest, largest on top, labels shaped for display."""
    items = sorted(dict(counts).items(), key=lambda x: (-x[1], str(x[0])))[:top]
    ax = _axes(ax, (7, 0.35 * len(items) + 1.2))
    labels = [display_label(str(k), None) for k, _ in reversed(items)]
    ax.barh(labels, [v for _, v in reversed(items)], color="#878787")
    ax.set_xlabel("claims")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def draw_topic_timeline(claims: Any, *, ax: Any = None, title: str | None = None) -> Any:
    """Positions over time on one topic (:func:`graph.tables.topic_claims`): one row per
    actor (in order of first claim), a blue ▲ for each support claim and a red ▼ for each
    oppose claim at its date (larger when several fall on one day)."""
    dated = claims.dropna(subset=["date"])
    actors: list[str] = list(dict.fromkeys(dated["actor_label"]))
    ax = _axes(ax, (10, 0.45 * len(actors) + 1.8))
    marks: dict[tuple[Any, str, str], int] = {}
    for row in dated.itertuples():
        key = (row.date, row.actor_label, row.polarity)
        marks[key] = marks.get(key, 0) + 1
    for polarity, marker in (("support", "^"), ("oppose", "v")):
        pts = [(d, actors.index(a), n) for (d, a, p), n in marks.items() if p == polarity]
        if pts:
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[70 * p[2] for p in pts],
                       marker=marker, color=EDGE_STYLES[polarity]["color"], label=polarity,
                       zorder=2)  # fmt: skip
    ax.set_yticks(range(len(actors)), [display_label(a, None) for a in actors])
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.figure.autofmt_xdate()
    label = claims.attrs.get("topic", "")
    ax.set_title(title if title is not None else f"positions on {display_label(label, None)}")
    return ax


class HTMLView:
    """An HTML fragment that a notebook displays (``_repr_html_``)."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html


def interactive_network(
    G: nx.Graph, groups: Sequence[Iterable[str]] | None = None, *, height: int = 520
) -> HTMLView:
    """An interactive view of a network (pyvis, vis.js inlined: works offline), in an
    ``<iframe>`` for a notebook: drag nodes, zoom, hover an edge for the topics behind it.
    Signed actor–topic edges keep the styles of :data:`EDGE_STYLES`. Needs ``pyvis``."""
    try:
        from pyvis.network import Network
    except ImportError as exc:  # pragma: no cover - the extra is installed by the tests
        raise ImportError("interactive_network needs pyvis: pip install -e '.[notebooks]'") from exc
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf"]  # fmt: skip
    member = {n: i for i, group in enumerate(groups or []) for n in group}
    net = Network(height=f"{height - 20}px", width="100%", cdn_resources="in_line")
    for n, d in sorted(G.nodes(data=True)):
        color = palette[member[n] % 10] if n in member else (
            _ACTOR_COLOR if d.get("bipartite", 0) == 0 else _TOPIC_COLOR)  # fmt: skip
        net.add_node(n, label=str(d.get("label", n)), title=str(d.get("label", n)), color=color,
                     shape="dot" if d.get("bipartite", 0) == 0 else "box")  # fmt: skip
    kind = G.graph.get("kind", "")
    for u, v, d in sorted(G.edges(data=True), key=lambda x: (x[0], x[1])):
        style = EDGE_STYLES.get(
            d.get("polarity", ""), NETWORK_STYLES.get(kind, EDGE_STYLES["support"])
        )
        tip = d.get("via_labels") or d.get("polarity") or ""
        net.add_edge(u, v, value=float(d.get("weight", 1)), title=str(tip), color=style["color"],
                     dashes=style["linestyle"] != "solid")  # fmt: skip
    page = net.generate_html(notebook=False)
    frame = (f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" '
             f'height="{height}" style="border:none"></iframe>')  # fmt: skip
    return HTMLView(frame)
