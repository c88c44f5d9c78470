"""The archive commands: ``ingest``, ``stories``, ``search``, ``report``, ``versions``,
``export``; a thin layer over ``newsprism.store.Store``. ``--db`` is a file path (SQLite, the
default ./newsprism.db) or a database URL (postgresql+psycopg://user@host/db).

Exit codes: 0 done; 1 ingest: some inputs failed (named in the summary); 4 no such story
or article; 2 usage errors (Typer's own).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from .cli import (
    DEFAULT_DB,
    ENGINE_HELP,
    USAGE_ERROR,
    WORKERS_HELP,
    Db,
    EngineName,
    _settings,
    app,
    engine_for,
    open_store,
    output_folder,
    written_to,
)
from .cli_terminal import StageProgress, _Command, epilog, err, error_line, log_to_stderr, say
from .errors import OutputError
from .lang.plural import counted

if TYPE_CHECKING:
    from .store import Store

EXIT_SOME_FAILED, EXIT_NO_SUCH_STORY = 1, 4


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


INGEST_HELP = epilog(
    [("newsprism ingest examples/harbor-fire", "add a folder of articles to ./newsprism.db"),
     ("newsprism ingest 'feeds/*.jsonl' --db archive.db -v", "more, into another store, logging each stage"),
     ("newsprism ingest crawl.warc.gz --db postgresql+psycopg://me@db/news --engine dask",
      "a web crawl, on a local Dask cluster, into PostgreSQL")],
    [(0, "every input was read (and stored, unless the store held it already)"),
     (EXIT_SOME_FAILED, "some inputs could not be read: the summary names them, the rest is stored"), USAGE_ERROR])


@app.command(cls=_Command, epilog=INGEST_HELP)
def ingest(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...",
                                               help="Articles: files, folders, globs, JSONL, WARC, or - for stdin.")],
    db: Db = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="Log each stage (counts, time) and every warning.")] = False,
    config: Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE", help="Settings file (TOML).")
                      ] = None,
    engine_name: Annotated[EngineName, typer.Option("--engine", help=ENGINE_HELP)] = EngineName.auto,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="URL", help="Dask scheduler "
                                                  "(tcp://HOST:8786); default: a local cluster. Use a PostgreSQL "
                                                  "--db with it.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, metavar="N", help=WORKERS_HELP,
                                                show_default=False)] = None,
) -> None:
    """Add articles to the store: new ones join a story, changed stories are analysed again."""
    log_to_stderr(verbose)
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    store = open_store(db, _settings(config), create=True)
    with StageProgress(show=not quiet and err.is_terminal) as progress, \
            engine_for(engine_name, scheduler, workers) as engine:
        summary = store.ingest(paths, engine=engine, progress=progress)
    for failure in summary.failed:  # errors: printed even with -q
        say(error_line(failure.source, failure.reason))
    if not quiet:
        parts = [counted(len(summary.new), "new article"), counted(summary.duplicate, "duplicate"),
                 counted(len(summary.new_version), "new version")]
        if summary.failed:
            parts.append(f"{counted(len(summary.failed), 'input')} could not be read")
        say(f"{', '.join(parts)}; {counted(len(summary.stories_touched), 'story', 'stories')} analysed again "
            f"({db})")
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


STORIES_HELP = epilog(
    [("newsprism stories", "every story in ./newsprism.db: id, number of articles, title"),
     ("newsprism stories --since 2026-10-01 --outlet 'The Valmora Herald'", "the recent ones one outlet covers"),
     ("newsprism stories --json > stories.json", "as JSON, for a script")],
    [(0, "listed (nothing when the store has no story)"), USAGE_ERROR])


@app.command("stories", cls=_Command, epilog=STORIES_HELP)
def list_stories(
    db: Db = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list: id, title, article_ids, languages.")
                       ] = False,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE",
                                              help="Latest article on or after this date (ISO).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Only stories this outlet covers.")
                      ] = None,
) -> None:
    """List the stored stories, newest first (with their languages, when not all English)."""
    store = open_store(db)
    found = store.stories(since=since, outlet=outlet)
    languages = store.story_languages([s.id for s in found])
    if as_json:
        sys.stdout.write(json.dumps([{"id": s.id, "title": s.title, "article_ids": s.article_ids,
                                      "languages": languages.get(s.id, [])} for s in found],
                                    ensure_ascii=False, indent=1) + "\n")
        return
    for story in found:
        n = len(story.article_ids)
        typer.echo(f"{story.id}  {n:>3} {'article ' if n == 1 else 'articles'}  {story.title}"
                   f"{_languages(languages.get(story.id, []))}")
    if not found:
        say(f"no story in {db} matches" if since or outlet
            else f"no stories in {db} yet; add articles with `newsprism ingest`")


SEARCH_HELP = epilog(
    [('newsprism search "warehouse fire"', "articles with these words, best first: story, article, outlet, title"),
     ("newsprism search Valmora --limit 5 --db archive.db", "the first five, in another store")],
    [(0, "searched (nothing printed when no article matches)"), USAGE_ERROR])


@app.command(cls=_Command, epilog=SEARCH_HELP)
def search(query: Annotated[str, typer.Argument(metavar="WORDS", help="Words to find (full text).")],
           db: Db = DEFAULT_DB,
           limit: Annotated[int, typer.Option("--limit", min=1, metavar="N", help="At most this many articles.")
                            ] = 20) -> None:
    """Find stored articles by their words, with the story each belongs to."""
    hits = open_store(db).search(query, limit)
    for hit in hits:
        typer.echo(f"{hit.story_id}  {hit.article_id}  {hit.outlet or ''}  {hit.title or ''}"
                   f"{_languages([hit.language])}")
    if not hits:
        say(f"no article in {db} matches {query!r}")


def _languages(codes: list[str | None]) -> str:
    """"  [en, ja]" after a listed line, unless all its languages are English or not known."""
    known = [code for code in codes if code]
    return "" if set(known) <= {"en"} else f"  [{', '.join(known)}]"


REPORT_HELP = epilog(
    [("newsprism report story-f6d1f725f7 -o out/", "the report of one story (ids from `newsprism stories`)")],
    [(0, "written"), USAGE_ERROR, (EXIT_NO_SUCH_STORY, "no story with that id in the store")])


@app.command(cls=_Command, epilog=REPORT_HELP)
def report(story: Annotated[str, typer.Argument(metavar="STORY", help="A story id (see `newsprism stories`).")],
           out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                             help="Folder for report.json, .html and .md.")],
           db: Db = DEFAULT_DB) -> None:
    """Write the report of one stored story: the same files as `analyze`."""
    output_folder(out)
    store = open_store(db)
    try:
        result = store.report(story)
    except KeyError:
        say(f"no story {story} in {db}; see `newsprism stories`")
        raise typer.Exit(EXIT_NO_SUCH_STORY) from None
    from .report import write_report
    from .views import version_views

    versions = {aid: version_views(aid, found) for aid, found in store.story_versions(story).items()}
    folder = written_to(out, lambda: write_report(result, out, versions))
    say(f"report written to {folder}/ (report.html, report.json, report.md)")


VERSIONS_HELP = epilog(
    [("newsprism versions 001_valmora_herald", "each stored version of the article at that URL, and what changed")],
    [(0, "listed"), USAGE_ERROR, (EXIT_NO_SUCH_STORY, "no article with that id in the store")])


@app.command(cls=_Command, epilog=VERSIONS_HELP)
def versions(article: Annotated[str, typer.Argument(metavar="ARTICLE",
                                                    help="An article id (any of its versions).")],
             db: Db = DEFAULT_DB) -> None:
    """The stored versions of an article at one URL, and the words each changed."""
    found = open_store(db).versions(article)
    if not found:
        say(f"no article {article} in {db}")
        raise typer.Exit(EXIT_NO_SUCH_STORY)
    for version in found:
        typer.echo(f"v{version.version}  {version.article_id}  stored {version.ingested_at}")
        for before, after in version.changes:
            typer.echo(f"    “{before}” -> “{after}”")


def _write_export(store: Store, export_format: ExportFormat, stream: BinaryIO) -> int:
    rows = store.export()
    if export_format is ExportFormat.jsonl:
        count = 0
        for row in rows:
            stream.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
            count += 1
        return count
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(list(rows))
    pq.write_table(table, stream)
    return int(table.num_rows)


EXPORT_HELP = epilog(
    [("newsprism export -o articles.jsonl", "every stored article, one JSON object a line"),
     ("newsprism export -o articles.parquet -f parquet", "the same as a Parquet table (pandas, R, DuckDB)")],
    [(0, "written"), USAGE_ERROR])


@app.command(cls=_Command, epilog=EXPORT_HELP)
def export(out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="The file to write.")],
           export_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl or parquet.")
                                    ] = ExportFormat.jsonl,
           db: Db = DEFAULT_DB) -> None:
    """Every stored article (id, url, version, outlet, title, published, language, story, text)."""
    from .report.files import replacing

    if out.is_dir():
        raise typer.BadParameter(f"{out} is a folder: give a file name", param_hint="--out")
    store = open_store(db)
    try:
        with replacing(out) as stream:  # the old export stays whole until this one is
            count = _write_export(store, export_format, stream)
    except OutputError as error:
        raise typer.BadParameter(str(error), param_hint="--out") from None
    say(f"{counted(count, 'article')} written to {out}")
