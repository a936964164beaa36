"""The ``stancegraph`` command line: a thin layer over ``extractors`` and ``graph``.

Data goes to stdout or ``-o``; messages go to stderr. Exit 0 on success, 1 when something
was skipped or failed in an expected way, 2 on usage errors.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rdflib import Graph
from rdflib.namespace import RDF

from extractors.claims import Claim
from extractors.decoding import display_name
from extractors.evaluate import resolve_gold_offsets, score
from extractors.lexicon import LANGUAGES, LexiconError
from extractors.parallel import BATCH_SIZE, EXECUTORS, count_documents, extract_parallel
from extractors.readers import (
    MAX_CHARS,
    Document,
    InputProblem,
    JsonlFields,
    is_claims_file,
    read_claims,
    read_documents,
    read_text_file,
)
from extractors.registry import DEFAULT, available
from extractors.run import Extracted
from graph import positions as graph_positions
from graph.build import add_document, build_graph, claims_from_graph, new_graph, reconcile
from graph.io import (
    FORMATS,
    STORE_FORMAT,
    GraphReadError,
    format_for,
    is_store_target,
    load_graph,
    open_store,
    save_graph,
    serialize,
    write_atomic,
)
from graph.networks import FORMATS as NETWORK_FORMATS
from graph.networks import KINDS as NETWORK_KINDS
from graph.networks import NORMALIZATIONS, TOPIC_POLARITIES, write_network
from graph.networks import format_for as network_format
from graph.networks import network as build_network
from graph.query import (
    QueryError,
    match_actors,
    match_topics,
    result_csv,
    result_json,
    result_table,
)
from graph.query import sparql as sparql_query
from graph.stats import stats as graph_stats
from graph.store import add_ox_triples, close, is_store_folder, ox_triples
from graph.validate import validate
from graph.vocab import PREFIXES, SG

from . import __version__
from .progress import Progress

CONTEXT = {"help_option_names": ["-h", "--help"]}


class Problems:
    """Collects skipped inputs; prints one line each to stderr (the same message at most
    ``SHOWN`` times, then one line counting the rest). With ``strict``, the first problem
    stops the run (nothing is written)."""

    SHOWN = 20

    def __init__(self, quiet: bool, strict: bool = False) -> None:
        self.count = 0
        self.quiet = quiet
        self.strict = strict
        self.seen: dict[str, int] = {}
        self.progress: Progress | None = None  # erased before a message is written

    def report(self, problem: InputProblem) -> None:
        if self.strict:
            raise click.ClickException(f"{problem} (--strict: stopped, nothing written)")
        self.count += problem.count
        n = self.seen[problem.message] = self.seen.get(problem.message, 0) + 1
        if n <= self.SHOWN:
            if self.progress is not None:
                self.progress.clear()
            click.echo(f"stancegraph: {problem}", err=True)

    def fail_if_any(self) -> None:
        """Exit 1 when something was skipped."""
        for message, n in self.seen.items():
            if n > self.SHOWN:
                click.echo(f"stancegraph: {n - self.SHOWN} more like this: {message}", err=True)
        if self.count:
            raise click.ClickException(f"{self.count} input(s) skipped (see messages above)")


def _jsonl_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--lang", type=click.Choice(LANGUAGES), help="Force the document language."),
        click.option("--date", help="Document date (YYYY-MM-DD) for all inputs."),
        click.option("--text-field", default="text", show_default=True, help="JSON Lines text field."),
        click.option("--id-field", default="id", show_default=True, help="JSON Lines id field."),
        click.option("--date-field", default="date", show_default=True, help="JSON Lines date field."),
        click.option("--lang-field", default="language", show_default=True,
                     help="JSON Lines language field."),
        click.option("--extractor", default=DEFAULT, show_default=True,
                     help="Registered extractor name (see `stancegraph extractors`)."),
        click.option("--max-chars", type=click.IntRange(1), default=MAX_CHARS, show_default=True,
                     help="Skip (and report) documents longer than this many characters."),
        click.option("--strict", is_flag=True,
                     help="Stop at the first input that cannot be read, writing nothing."),
        click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr."),
        click.option("-w", "--workers", type=click.IntRange(1), default=1, show_default=True,
                     help="Extract on this many processes (same output as one)."),
        click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
                     help="local: processes on this machine; dask: a dask.distributed cluster."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address for --executor dask (tcp://host:8786)."),
        click.option("--batch-size", type=click.IntRange(1), default=BATCH_SIZE, show_default=True,
                     help="Documents sent to a worker at a time."),
    ]):  # fmt: skip
        f = opt(f)
    return f


def _iter_extracted(inputs: tuple[str, ...], problems: Problems, **kw: Any) -> Iterator[Extracted]:
    fields = JsonlFields(text=kw["text_field"], id=kw["id_field"], date=kw["date_field"],
                         language=kw["lang_field"])  # fmt: skip
    docs = read_documents(inputs, fields=fields, language=kw["lang"], date=kw["date"],
                          max_chars=kw["max_chars"])  # fmt: skip
    if kw["executor"] == "dask" and not kw["scheduler"]:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS (tcp://host:8786)")
    progress = problems.progress = Progress.for_terminal(kw["quiet"],
                                                         lambda: count_documents(inputs))  # fmt: skip
    try:
        for item in extract_parallel(docs, extractor=kw["extractor"], workers=kw["workers"],
                                     batch_size=kw["batch_size"], executor=kw["executor"],
                                     scheduler=kw["scheduler"]):  # fmt: skip
            if isinstance(item, InputProblem):
                problems.report(item)
                continue
            d = item.document
            if d.encoding not in ("utf-8", "UTF-8") and not kw["quiet"]:
                where = display_name(d.path or d.id)
                progress.clear()
                click.echo(f"stancegraph: {where}: read as {d.encoding}", err=True)
            progress.update(docs=1, claims=len(item.claims))
            yield item
    except KeyError as exc:  # an unknown extractor name (a language data error: see _Main)
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    except LexiconError:  # a ValueError too: one line from _Main
        raise
    except ValueError as exc:  # the dask executor: not installed, no scheduler
        raise click.ClickException(str(exc)) from None
    finally:
        problems.progress = None
    progress.close()


def _claims_from_file(path: Path, problems: Problems) -> Iterator[Claim]:
    for item in read_claims(path):
        if isinstance(item, InputProblem):
            problems.report(item)
        else:
            yield item


class _Main(click.Group):
    """The command group; expected failures anywhere become one line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LexiconError as exc:  # a language data file with a mistake: one line
            raise click.ClickException("language data: " + " ".join(str(exc).split())) from None
        except OSError as exc:  # cannot write the output: full disk, permissions…
            if exc.filename is None or isinstance(exc, BrokenPipeError):
                raise
            raise click.ClickException(
                f"{exc.filename}: {exc.strerror or exc}; nothing was written"
            ) from None


@click.group(cls=_Main, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="stancegraph")
def main() -> None:
    """Turn news into a knowledge graph of diplomatic stance claims.

    \b
    Example:
      stancegraph build seeds/ -o seeds.ttl
      stancegraph claims seeds.ttl
    """


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="Graph file ('-' = stdout), or a new store folder with -f oxigraph.")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS) + [STORE_FORMAT]),
              default=None, help="RDF format (default: from the file suffix, else turtle).")  # fmt: skip
@click.option("--append", "append", metavar="GRAPH", default=None,
              help="Add to this graph file or store folder (created if missing) and write it back.")  # fmt: skip
@_jsonl_options
def build(
    inputs: tuple[str, ...], output: str, fmt: str | None, append: str | None, **kw: Any
) -> None:
    """Build an RDF graph from texts, directories, JSON Lines corpora or claims files.

    With --append, the claims are added to an existing graph (a file in any RDF format, or
    an Oxigraph store folder): the same actor, document or claim is never added twice, so
    appending what is already there changes nothing. A file that cannot be read is left
    untouched.

    \b
    Example:
      stancegraph build seeds/ -o seeds.ttl
      stancegraph build corpus.jsonl.gz --text-field text --id-field id -o corpus.nt
      stancegraph build new-articles/ --append corpus.ttl
    """
    problems = Problems(kw["quiet"], kw["strict"])
    if append is not None and output != "-":
        raise click.UsageError("--append writes back to its own graph; leave out -o")
    target = append if append is not None else output
    if target == "-" and fmt == STORE_FORMAT:
        raise click.UsageError("-f oxigraph writes a store folder: give it with -o FOLDER")
    into_store = target != "-" and is_store_target(target, fmt)
    if into_store and append is None and Path(target).exists():
        raise click.ClickException(f"{target}: already exists; add to it with --append {target}")
    g = _graph_to_append(append, fmt) if append is not None else new_graph()
    before = len(g) if append is not None else 0
    claims_files = [Path(i) for i in inputs if Path(i).is_file() and is_claims_file(Path(i))]
    text_inputs = tuple(i for i in inputs if Path(i) not in claims_files)
    n_docs = n_claims = 0

    def stream() -> Iterator[Claim]:
        """Claims as they are found, straight into the graph (memory: the graph only)."""
        nonlocal n_docs, n_claims
        for path in claims_files:
            for c in _claims_from_file(path, problems):
                n_claims += 1
                yield c
        if text_inputs:
            for ex in _iter_extracted(text_inputs, problems, **kw):
                d: Document = ex.document
                # the text extracted from an HTML page is kept: evidence offsets refer to it
                add_document(g, d.id, language=ex.language, date=d.date, title=d.title,
                             source=d.source, url=d.url,
                             text=d.text if d.format == "html" else None)  # fmt: skip
                n_claims += len(ex.claims)
                n_docs += 1
                yield from ex.claims

    build_graph(stream(), g)
    after = len(g)
    if append is not None and is_store_folder(append):
        close(g)
    elif target == "-":
        sys.stdout.buffer.write(serialize(g, format_for(target, fmt)))
    else:
        save_graph(g, target, fmt)
    if not kw["quiet"]:
        added = f", +{after - before} triples" if append is not None else ""
        click.echo(f"stancegraph: {n_docs} documents, {n_claims} claims, {after} triples"
                   + added + (f" -> {target}" if target != "-" else ""), err=True)  # fmt: skip
    problems.fail_if_any()


def _graph_to_append(path: str, fmt: str | None) -> Graph:
    """The graph ``build --append`` adds to: an existing file, parsed (it must be readable:
    it is written back), a store folder, opened in place, or a new empty graph."""
    try:
        if is_store_target(path, fmt):
            return open_store(path)
        if not Path(path).exists():
            return new_graph()
        if Path(path).is_dir():
            raise GraphReadError(f"{path}: a folder, not a graph file or an Oxigraph store")
        return load_graph(path, fmt)
    except GraphReadError as exc:
        raise click.ClickException(
            f"{exc}; nothing was written. Repair or remove it, or build a new graph with -o"
        ) from None


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Claims file ('-' = stdout).")
@_jsonl_options
def extract(inputs: tuple[str, ...], output: str, **kw: Any) -> None:
    """Extract claims as JSON Lines straight from texts, without building a graph.

    \b
    Example:
      stancegraph extract seeds/ -o claims.jsonl
    """
    problems = Problems(kw["quiet"], kw["strict"])
    buf = io.StringIO()
    n = 0
    for ex in _iter_extracted(inputs, problems, **kw):
        for c in ex.claims:
            buf.write(c.dumps() + "\n")
            n += 1
    if output == "-":
        click.echo(buf.getvalue(), nl=False)
    else:
        write_atomic(output, buf.getvalue().encode("utf-8"))
    if not kw["quiet"]:
        click.echo(f"stancegraph: {n} claims", err=True)
    problems.fail_if_any()


def _load_claims(path: str) -> list[Claim]:
    p = Path(path)
    if not p.exists():
        raise click.ClickException(f"{path}: no such file")
    if is_claims_file(p):
        problems = Problems(True)
        return list(_claims_from_file(p, problems))
    return claims_from_graph(_open_graph(path))


def _open_graph(path: str, fmt: str | None = None) -> Graph:
    """A graph file, a store folder, or a claims JSON Lines file (built in memory)."""
    p = Path(path)
    if p.is_file() and is_claims_file(p):
        problems = Problems(True)
        return build_graph(_claims_from_file(p, problems))
    try:
        return load_graph(p, fmt)
    except GraphReadError as exc:
        raise click.ClickException(
            f"{exc}; expected Turtle, N-Triples, TriG, N-Quads or JSON-LD, an Oxigraph store "
            "folder, or a claims .jsonl file"
        ) from None


@main.command(context_settings=CONTEXT)
@click.argument("graph_file")
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' = stdout).")
def claims(graph_file: str, fmt: str, output: str) -> None:
    """Print the claims of a graph as JSON Lines (or CSV).

    \b
    Example:
      stancegraph claims seeds.ttl -f csv
    """
    records = _load_claims(graph_file)
    out = io.StringIO()
    if fmt == "jsonl":
        for c in records:
            out.write(c.dumps() + "\n")
    else:
        w = csv.writer(out)
        w.writerow(["id", "doc", "actor", "wikidata", "stance", "polarity", "conditional",
                    "negated", "topic", "evidence", "start", "end", "confidence", "language"])  # fmt: skip
        for c in records:
            ev = c.evidence[0] if c.evidence else None
            w.writerow([c.id, c.doc, c.actor.label, c.actor.wikidata or "", c.stance, c.polarity,
                        c.conditional, c.negated, c.topic.label, ev.text if ev else "",
                        ev.start if ev else "", ev.end if ev else "", c.confidence, c.language])  # fmt: skip
    if output == "-":
        click.echo(out.getvalue(), nl=False)
    else:
        write_atomic(output, out.getvalue().encode("utf-8"))


@main.command("eval", context_settings=CONTEXT)
@click.argument("predictions")
@click.option("--gold", "gold_files", multiple=True, required=True, help="Gold JSON Lines file(s).")
@click.option("--texts", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with the gold documents (to place gold evidence).")  # fmt: skip
@click.option("-v", "--verbose", is_flag=True, help="List misses and false positives.")
def evaluate(
    predictions: str, gold_files: tuple[str, ...], texts: str | None, verbose: bool
) -> None:
    """Score claims (a graph or a claims file) against gold claims.

    \b
    Example:
      stancegraph eval --gold ../shared/corpus/dev/ar.gold.jsonl --texts ../shared/corpus/dev/ar ar.ttl
    """
    gold: list[dict[str, Any]] = []
    for gf in gold_files:
        with open(gf, encoding="utf-8") as fh:
            gold.extend(json.loads(line) for line in fh if line.strip())
    doc_texts: dict[str, str] = {}
    if texts:
        for g in gold:
            p = Path(texts) / g["doc"]
            if p.is_file() and g["doc"] not in doc_texts:
                as_read = read_text_file(p)  # the text extraction saw (decoded, HTML reduced)
                if isinstance(as_read, Document):
                    doc_texts[g["doc"]] = as_read.text
    resolve_gold_offsets(gold, doc_texts)
    total, per_doc = score(_load_claims(predictions), gold)
    by_lang: dict[str, Any] = {}
    for doc, s in per_doc.items():
        click.echo(f"{doc}\tP={s.precision:.3f}\tR={s.recall:.3f}\tF1={s.f1:.3f}\t"
                   f"tp={s.tp} fp={s.fp} found={s.found}/{s.required}")  # fmt: skip
        by_lang.setdefault(doc, s)
    if verbose:
        for m in total.misses:
            click.echo(f"  MISS {m}")
        for f in total.false_positives:
            click.echo(f"  FP   {f}")
    click.echo(
        f"precision={total.precision:.3f} recall={total.recall:.3f} f1={total.f1:.3f} "
        f"(tp={total.tp} fp={total.fp} dup={total.dup} found={total.found}/{total.required})"
    )


@main.command("extractors", context_settings=CONTEXT)
def list_extractors() -> None:
    """List the registered extractors, sorted.

    \b
    Example:
      stancegraph extractors
    """
    for name in available():
        click.echo(name)


def _emit(data: bytes | str, output: str) -> None:
    """Data to stdout or, atomically, to a file."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
    else:
        write_atomic(output, raw)


def _note(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(f"stancegraph: {message}", err=True)


def _user_error(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


GRAPH_ARG = click.argument("graph_file", metavar="GRAPH", envvar="STANCEGRAPH_GRAPH")
QUIET = click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
OUTPUT = click.option("-o", "--output", default="-", show_default=True,
                      help="Output file ('-' = stdout).")  # fmt: skip


def _claim_filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--since", help="Only claims dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Only claims dated on or before (inclusive, same forms)."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                     show_default=True, help="Only claims at least this confident."),
        click.option("--no-conditional", is_flag=True, help="Leave out conditional claims."),
        click.option("--topics", "topic_by", type=click.Choice(["concept", "phrase"]),
                     default="concept", show_default=True,
                     help="Group topic phrases by their canonical topic, or keep each phrase."),
        click.option("--lang", "label_lang", default="en", show_default=True,
                     help="Language of actor and topic labels (ar, en, fr)."),
    ]):  # fmt: skip
        f = opt(f)
    return f


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    return {
        "since": kw.pop("since"),
        "until": kw.pop("until"),
        "min_confidence": kw.pop("min_confidence"),
        "conditional": not kw.pop("no_conditional"),
        "topic_by": kw.pop("topic_by"),
        "lang": kw.pop("label_lang"),
    }


@main.command(context_settings=CONTEXT)
@click.argument("graphs", nargs=-1, required=True, metavar="GRAPH...")
@click.option("-o", "--output", default="-", show_default=True,
              help="Merged graph file ('-' = stdout), or a new store folder with -f oxigraph.")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS) + [STORE_FORMAT]),
              default=None, help="RDF format (default: from the file suffix, else turtle).")  # fmt: skip
@QUIET
def merge(graphs: tuple[str, ...], output: str, fmt: str | None, quiet: bool) -> None:
    """Merge graphs (any RDF format, store folders or claims files) into one.

    Merging is set union: the same actor, topic, document or claim is one node, whatever
    file it came from. Nothing is written if any input cannot be read.

    \b
    Example:
      stancegraph merge ar.ttl en.ttl fr.nt -o corpus.ttl
    """
    if output == "-" and fmt == STORE_FORMAT:
        raise click.UsageError("-f oxigraph writes a store folder: give it with -o FOLDER")
    g = new_graph()
    for path in graphs:
        source = _open_graph(path)
        add_ox_triples(g, ox_triples(source))
        close(source)
    reconcile(g)
    if output != "-" and is_store_target(output, fmt) and Path(output).exists():
        raise click.ClickException(f"{output}: already exists; choose a new store folder")
    if output == "-":
        _emit(serialize(g, format_for(output, fmt)), output)
    else:
        save_graph(g, output, fmt)
    n = len(set(g.subjects(RDF.type, SG.StanceClaim)))
    _note(quiet, f"merged {len(graphs)} graphs: {n} claims, {len(g)} triples"
                 + (f" -> {output}" if output != "-" else ""))  # fmt: skip


@main.command(context_settings=CONTEXT)
@click.argument("graph_file", metavar="GRAPH")
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the query from a file (.rq).")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "turtle", "nt"]),
              default="table", show_default=True,
              help="SELECT/ASK: table, csv or json (SPARQL results JSON); CONSTRUCT: turtle or nt.")  # fmt: skip
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (an IRI as <…> or http…, else a literal). Repeatable.")  # fmt: skip
@OUTPUT
@QUIET
def query(graph_file: str, sparql: str | None, query_file: str | None, fmt: str,
          binds: tuple[str, ...], output: str, quiet: bool) -> None:  # fmt: skip
    """Run a SPARQL query on a graph; the graph's prefixes (sg:, skos:, prov:, actor:,
    topic:, concept:…) are declared for you.

    Values given with --bind are bound as values, never pasted into the query (a bound
    variable must appear in the SELECT clause).

    \b
    Example:
      stancegraph query corpus.ttl 'SELECT ?actor (COUNT(?c) AS ?n) WHERE {
        ?c sg:actor/rdfs:label ?actor } GROUP BY ?actor ORDER BY DESC(?n)'
      stancegraph query corpus.ttl --file positions.rq -f csv -o positions.csv
      stancegraph query corpus.ttl 'SELECT ?c ?a WHERE { ?c sg:actor ?a }' --bind a=actor:RUS
    """
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with --file, not both")
    text = sparql if sparql is not None else Path(str(query_file)).read_text(encoding="utf-8")
    bindings = {}
    for b in binds:
        name, sep, value = b.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--bind {b!r}: expected NAME=VALUE")
        bindings[name.strip()] = _expand(value)
    g = _open_graph(graph_file)
    try:
        res = sparql_query(g, text, bindings)
    except QueryError as exc:
        raise _user_error(exc) from None
    if res.graph is not None:
        rdf = fmt if fmt in ("turtle", "nt") else "turtle"
        _emit(serialize(res.graph, rdf), output)
        _note(quiet, f"{len(res.graph)} triples")
        return
    if fmt == "json":
        _emit(result_json(res), output)
    elif res.kind == "ASK":
        _emit(("true" if res.answer else "false") + "\n", output)
    elif fmt == "csv":
        _emit(result_csv(res), output)
    elif fmt in ("turtle", "nt"):
        raise click.ClickException(f"-f {fmt} is for CONSTRUCT/DESCRIBE; use table, csv or json")
    else:
        _emit(result_table(res), output)
    if res.kind == "SELECT":
        _note(quiet, f"{len(res.rows)} rows")


def _expand(value: str) -> str:
    """``actor:RUS`` → the full IRI, for the graph's own prefixes; other values unchanged."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return f"<{PREFIXES[prefix]}{local}>"
    return value


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command(context_settings=CONTEXT)
@GRAPH_ARG
@click.option("--actor", help="Actor name in any language, Wikidata id or IRI (e.g. Putin, بوتين).")
@click.option("--topic", help="Words of a topic or canonical topic, any language (e.g. coalition).")
@click.option("--polarity", type=click.Choice(["support", "oppose", "mixed"]),
              help="Positions with support claims, oppose claims, or both.")  # fmt: skip
@click.option("--changes", is_flag=True,
              help="List position changes and contradictions (actors that both support and oppose a topic).")  # fmt: skip
@_claim_filters
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]),
              default="table", show_default=True)  # fmt: skip
@OUTPUT
@QUIET
def positions(graph_file: str, actor: str | None, topic: str | None, polarity: str | None,
              changes: bool, fmt: str, output: str, quiet: bool, **kw: Any) -> None:  # fmt: skip
    """Who holds which position on what: for each actor and topic, the claims that support
    and oppose it, their dates and documents.

    Topic phrases are grouped by their canonical topic where they have one (--topics
    phrase keeps each phrase apart). GRAPH may also come from $STANCEGRAPH_GRAPH.

    \b
    Example:
      stancegraph positions corpus.ttl --actor Putin
      stancegraph positions corpus.ttl --topic coalition --polarity oppose
      stancegraph positions corpus.ttl --changes -f csv -o changes.csv
    """
    filters = _filters(kw)
    g = _open_graph(graph_file)
    try:
        if actor is not None:
            found = match_actors(g, actor, lang=filters["lang"])
            if not found:
                raise click.ClickException(
                    f"no actor named {actor!r} in {graph_file}; `stancegraph stats` lists the top actors"
                )
            _note(quiet, "actor: " + "; ".join(f"{m.label} ({m.matched})" for m in found[:10])
                  + (f" and {len(found) - 10} more" if len(found) > 10 else ""))  # fmt: skip
        if topic is not None and not match_topics(g, topic, lang=filters["lang"]):
            raise click.ClickException(f"no topic matching {topic!r} in {graph_file}")
        if changes:
            found_changes = graph_positions.changes(g, actor=actor, topic=topic, **filters)
            _emit(_changes_out(found_changes, fmt), output)
            _note(quiet, f"{len(found_changes)} actors with both positions on a topic")
            return
        found_pos = graph_positions.positions(g, actor=actor, topic=topic, polarity=polarity,
                                              **filters)  # fmt: skip
    except QueryError as exc:
        raise _user_error(exc) from None
    _emit(_positions_out(found_pos, fmt), output)
    _note(quiet, f"{len(found_pos)} positions")


def _positions_out(found: list[Any], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in found)
    header = ["actor", "topic", "polarity", "support", "oppose", "first", "last", "documents"]
    rows = [[p.actor_label, p.topic_label, p.polarity, str(len(p.support)), str(len(p.oppose)),
             p.first or "", p.last or "", str(len(p.documents))] for p in found]  # fmt: skip
    if fmt == "csv":
        return _with_iris_csv(found, rows, header)
    return _table([[_cut(r[0], 30), _cut(r[1])] + r[2:] for r in rows], header)


def _with_iris_csv(found: list[Any], rows: list[list[str]], header: list[str]) -> str:
    """CSV of ``rows`` with the actor and topic IRIs of each found item as last columns."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header + ["actor_iri", "topic_iri"])
    for item, r in zip(found, rows, strict=True):
        w.writerow(r + [item.actor, item.topic])
    return out.getvalue()


def _changes_out(found: list[Any], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in found)
    header = ["actor", "topic", "kind", "detail", "support", "oppose"]
    rows = []
    for c in found:
        if c.kind == "change":
            detail = f"{c.before} → {c.after} on {c.since}"
            if c.switches > 1:
                detail += f" ({c.switches} switches)"
        else:
            detail = c.reason + (
                f": {', '.join(c.documents)}" if c.reason == "same document" else ""
            )
        rows.append([c.actor_label, c.topic_label, c.kind, detail, str(len(c.support)),
                     str(len(c.oppose))])  # fmt: skip
    if fmt == "csv":
        return _with_iris_csv(found, rows, header)
    return _table([[_cut(r[0], 30), _cut(r[1]), r[2], _cut(r[3], 60), r[4], r[5]] for r in rows],
                  header)  # fmt: skip


@main.command(context_settings=CONTEXT)
@GRAPH_ARG
@click.option("--top", type=click.IntRange(0), default=10, show_default=True,
              help="How many actors and topics to list.")  # fmt: skip
@click.option("--lang", "label_lang", default="en", show_default=True, help="Label language.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@OUTPUT
def stats(graph_file: str, top: int, label_lang: str, fmt: str, output: str) -> None:
    """What a graph holds: documents, claims per language, polarity and stance, actors,
    topics, and the most active actors and most discussed topics.

    \b
    Example:
      stancegraph stats corpus.ttl --top 20
    """
    s = graph_stats(_open_graph(graph_file), top=top, lang=label_lang)
    if fmt == "json":
        _emit(json.dumps(s.to_json(), ensure_ascii=False, indent=1) + "\n", output)
    else:
        _emit(str(s) + "\n", output)


@main.command(context_settings=CONTEXT)
@GRAPH_ARG
@click.option("--kind", type=click.Choice(list(NETWORK_KINDS)), default="congruence",
              show_default=True,
              help="congruence / conflict (actor × actor), actor-topic (two-mode), topic (topic × topic).")  # fmt: skip
@click.option("--normalization", type=click.Choice(list(NORMALIZATIONS)), default="none",
              show_default=True, help="Edge weights: counts, or normalized by average activity or Jaccard.")  # fmt: skip
@click.option("--polarity", type=click.Choice(list(TOPIC_POLARITIES)), default="support",
              show_default=True, help="For --kind topic: co-support, co-opposition, or either.")  # fmt: skip
@_claim_filters
@click.option("-o", "--output", default="-", show_default=True,
              help="Network file ('-' = stdout); the suffix gives the format.")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(list(NETWORK_FORMATS)), default=None,
              help="graphml, gexf (Gephi), csv (edge list) or json (networkx node-link); default from the suffix, else graphml.")  # fmt: skip
@QUIET
def network(graph_file: str, kind: str, normalization: str, polarity: str, output: str,
            fmt: str | None, quiet: bool, **kw: Any) -> None:  # fmt: skip
    """Discourse networks: who agrees (congruence) or disagrees (conflict) with whom, on
    which topics, as GraphML/GEXF for Gephi, CSV or networkx JSON.

    Actors are linked through the canonical topic of a claim's phrase when it has one,
    else through the phrase itself (--topics phrase keeps phrases apart).

    \b
    Example:
      stancegraph network corpus.ttl --kind congruence -o congruence.graphml
      stancegraph network corpus.ttl --kind conflict --normalization jaccard --since 2015-11 -o conflict.gexf
      stancegraph network corpus.ttl --kind actor-topic -f csv -o edges.csv
    """
    filters = _filters(kw)
    extra: dict[str, Any] = {} if kind in ("actor-topic",) else {"normalization": normalization}
    if kind == "topic":
        extra["polarity"] = polarity
    try:
        out_fmt = network_format(output, fmt)
        G = build_network(_open_graph(graph_file), kind, **extra, **filters)
    except QueryError as exc:
        raise _user_error(exc) from None
    _emit(write_network(G, out_fmt), output)
    _note(quiet, f"{kind} network: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
                 + (f" -> {output}" if output != "-" else ""))  # fmt: skip


@main.command("validate", context_settings=CONTEXT)
@GRAPH_ARG
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True)  # fmt: skip
@OUTPUT
@QUIET
def validate_graph(graph_file: str, fmt: str, output: str, quiet: bool) -> None:
    """Validate a graph against the stancegraph SHACL shapes (shipped with the package) and
    check evidence offsets; exit 1 when it does not conform.

    Each violation is one line: the node, the property, what is wrong, the value, and the
    shape that says so.

    \b
    Example:
      stancegraph validate corpus.ttl
    """
    report = validate(_open_graph(graph_file))
    if fmt == "jsonl":
        _emit("".join(json.dumps(v.to_json(), ensure_ascii=False) + "\n"
                      for v in report.violations), output)  # fmt: skip
    elif report.violations:
        _emit("".join(f"{v}\n" for v in report.violations), output)
    if not report.conforms:
        n = sum(v.severity == "Violation" for v in report.violations)
        raise click.ClickException(f"{graph_file}: {n} violation(s) of the stancegraph shapes")
    _note(quiet, f"{graph_file}: conforms to the stancegraph shapes")
