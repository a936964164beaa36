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

from extractors.claims import Claim
from extractors.evaluate import resolve_gold_offsets, score
from extractors.lexicon import LANGUAGES, LexiconError
from extractors.readers import (
    Document,
    InputProblem,
    JsonlFields,
    is_claims_file,
    read_documents,
)
from extractors.registry import DEFAULT, available
from extractors.run import Extracted, extract_documents
from graph.build import add_document, build_graph, claims_from_graph, new_graph
from graph.io import FORMATS, format_for, load_graph, serialize, write_atomic

from . import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}


class Problems:
    """Collects skipped inputs; prints one line each to stderr."""

    def __init__(self, quiet: bool) -> None:
        self.count = 0
        self.quiet = quiet

    def report(self, problem: InputProblem) -> None:
        self.count += 1
        click.echo(f"stancegraph: {problem}", err=True)


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
        click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr."),
    ]):  # fmt: skip
        f = opt(f)
    return f


def _iter_extracted(inputs: tuple[str, ...], problems: Problems, **kw: Any) -> Iterator[Extracted]:
    fields = JsonlFields(text=kw["text_field"], id=kw["id_field"], date=kw["date_field"],
                         language=kw["lang_field"])  # fmt: skip
    docs = read_documents(inputs, fields=fields, language=kw["lang"], date=kw["date"])
    try:
        for item in extract_documents(docs, extractor=kw["extractor"]):
            if isinstance(item, InputProblem):
                problems.report(item)
            else:
                yield item
    except (LexiconError, KeyError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None


def _claims_from_file(path: Path, problems: Problems) -> Iterator[Claim]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield Claim.from_json(json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                problems.report(InputProblem(f"{path}:{n}", f"not a claim record ({exc}); skipped"))


@click.group(context_settings=CONTEXT)
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
@click.option("-o", "--output", default="-", show_default=True, help="Graph file ('-' = stdout).")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="RDF format (default: from the file suffix, else turtle).")  # fmt: skip
@_jsonl_options
def build(inputs: tuple[str, ...], output: str, fmt: str | None, **kw: Any) -> None:
    """Build an RDF graph from texts, directories, JSON Lines corpora or claims files.

    \b
    Example:
      stancegraph build seeds/ -o seeds.ttl
      stancegraph build corpus.jsonl.gz --text-field text --id-field id -o corpus.nt
    """
    problems = Problems(kw["quiet"])
    g = new_graph()
    claims: list[Claim] = []
    text_inputs = []
    for item in inputs:
        p = Path(item)
        if p.is_file() and is_claims_file(p):
            claims.extend(_claims_from_file(p, problems))
        else:
            text_inputs.append(item)
    n_docs = 0
    if text_inputs:
        for ex in _iter_extracted(tuple(text_inputs), problems, **kw):
            d: Document = ex.document
            add_document(g, d.id, language=ex.language, date=d.date, title=d.title,
                         source=d.source, url=d.url)  # fmt: skip
            claims.extend(ex.claims)
            n_docs += 1
    build_graph(claims, g)
    rdf_format = format_for(output, fmt)
    data = serialize(g, rdf_format)
    if output == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
    if not kw["quiet"]:
        click.echo(f"stancegraph: {n_docs} documents, {len(claims)} claims, {len(g)} triples"
                   + (f" -> {output}" if output != "-" else ""), err=True)  # fmt: skip
    if problems.count:
        raise click.ClickException(f"{problems.count} input(s) skipped (see messages above)")


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
    problems = Problems(kw["quiet"])
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
    if problems.count:
        raise click.ClickException(f"{problems.count} input(s) skipped (see messages above)")


def _load_claims(path: str) -> list[Claim]:
    p = Path(path)
    if not p.exists():
        raise click.ClickException(f"{path}: no such file")
    if is_claims_file(p):
        problems = Problems(True)
        return list(_claims_from_file(p, problems))
    try:
        return claims_from_graph(load_graph(p))
    except Exception as exc:  # rdflib raises many parser-specific errors
        raise click.ClickException(
            f"{path}: not a readable graph ({type(exc).__name__}); "
            f"expected Turtle, N-Triples, TriG or JSON-LD, or a claims .jsonl file"
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
            if p.exists() and g["doc"] not in doc_texts:
                doc_texts[g["doc"]] = p.read_text(encoding="utf-8").lstrip("\ufeff")
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
