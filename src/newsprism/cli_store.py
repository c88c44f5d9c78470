"""The archive commands: ``ingest``, ``stories``, ``search``, ``report``, ``export``; a thin layer
over ``newsprism.store.Store``. ``--db`` is a file path (SQLite, the default ./newsprism.db) or
a database URL (postgresql+psycopg://user@host/db).

Exit codes: 0 done; 1 ingest: some inputs failed (named in the summary); 4 no such story
or article;
2 usage errors (Typer's own).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TimeElapsedColumn
from rich.text import Text

from .cli import EngineName, _settings, app, err
from .engine import DaskEngine, LocalEngine
from .report import write_report
from .store import Store
from .views import version_views

EXIT_NO_SUCH_STORY = 4
Db = Annotated[str, typer.Option("--db", help="Store: a file (SQLite) or a database URL.")]
DEFAULT_DB = "newsprism.db"


class RateColumn(ProgressColumn):
    """Items per second ("4.2/s"), or nothing until there is a rate."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Articles: files, folders, globs, JSONL, WARC.")],
    db: Db = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Settings file (TOML).")] = None,
    engine_name: Annotated[EngineName, typer.Option("--engine", help="local: this process; dask: a Dask cluster.")
                           ] = EngineName.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler (tcp://HOST:8786); "
                                                  "default: a local cluster. Use a PostgreSQL --db with it.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")] = 2,
) -> None:
    """Add articles to the store: new ones join a story, changed stories are analysed again."""
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    store = Store.open(db, _settings(config))
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  RateColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=quiet or not err.is_terminal) as bar, \
            (DaskEngine(scheduler, workers) if engine_name is EngineName.dask else LocalEngine()) as engine:
        tasks: dict[str, TaskID] = {}

        def progress(what: str, done: int, total: int | None) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        summary = store.ingest(paths, engine=engine, progress=progress)
    if not quiet:
        for failure in summary.failed:
            err.print(f"[red]error[/red] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
        err.print(f"{len(summary.new)} new, {summary.duplicate} duplicate, {len(summary.new_version)} new version, "
                  f"{len(summary.failed)} failed; {len(summary.stories_touched)} stories analysed again "
                  f"({escape(db)})", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command("stories")
def list_stories(
    db: Db = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list: id, title, article_ids.")] = False,
    since: Annotated[str | None, typer.Option("--since", help="Latest article on or after this date (ISO).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only stories this outlet covers.")] = None,
) -> None:
    """List the stored stories, newest first."""
    found = Store.open(db).stories(since=since, outlet=outlet)
    if as_json:
        sys.stdout.write(json.dumps([{"id": s.id, "title": s.title, "article_ids": s.article_ids} for s in found],
                                    ensure_ascii=False, indent=1) + "\n")
        return
    for story in found:
        typer.echo(f"{story.id}  {len(story.article_ids):>3} articles  {story.title}")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to find (full text).")], db: Db = DEFAULT_DB,
           limit: Annotated[int, typer.Option("--limit", min=1)] = 20) -> None:
    """Find stored articles by their words, with the story each belongs to."""
    for hit in Store.open(db).search(query, limit):
        typer.echo(f"{hit.story_id}  {hit.article_id}  {hit.outlet or ''}  {hit.title or ''}")


@app.command()
def report(story: Annotated[str, typer.Argument(help="A story id (see `newsprism stories`).")],
           out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json, .html and .md.")],
           db: Db = DEFAULT_DB) -> None:
    """Write the report of one stored story: the same files as `analyze`."""
    store = Store.open(db)
    try:
        result = store.report(story)
    except KeyError:
        err.print(f"no story {escape(story)} in {escape(db)}; see `newsprism stories`", highlight=False)
        raise typer.Exit(EXIT_NO_SUCH_STORY) from None
    versions = {aid: version_views(aid, found) for aid, found in store.story_versions(story).items()}
    written = write_report(result, out, versions)
    err.print(f"report written to {escape(str(written['html'].parent))}/", highlight=False)


@app.command()
def versions(article: Annotated[str, typer.Argument(help="An article id (any of its versions).")],
             db: Db = DEFAULT_DB) -> None:
    """The stored versions of an article at one URL, and the words each changed."""
    found = Store.open(db).versions(article)
    if not found:
        err.print(f"no article {escape(article)} in {escape(db)}", highlight=False)
        raise typer.Exit(EXIT_NO_SUCH_STORY)
    for version in found:
        typer.echo(f"v{version.version}  {version.article_id}  stored {version.ingested_at}")
        for before, after in version.changes:
            typer.echo(f"    “{before}” -> “{after}”")


@app.command()
def export(out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
           export_format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
           db: Db = DEFAULT_DB) -> None:
    """Every stored article (id, url, version, outlet, title, published, language, story, text)."""
    rows = Store.open(db).export()
    if export_format is ExportFormat.jsonl:
        with out.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(list(rows)), out)
    err.print(f"written to {escape(str(out))}", highlight=False)
