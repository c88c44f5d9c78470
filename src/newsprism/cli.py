"""The command line: a thin layer over ``newsprism.analyze`` and ``newsprism.write_report``.

Exit codes: 0 all inputs read; 1 some inputs failed (the report lists them);
3 no article could be read at all; 2 usage errors (Typer's own); 5 the temporary folder
could not hold the run's working files.

What every command prints goes through ``cli_terminal.say`` (literal text: a file may be
called ``a[red]b.txt``), progress through ``StageProgress`` (one line per stage the library
reports) and ``-v`` through ``log_to_stderr`` (each stage as it ends, with its time and
counts). The archive commands are in ``cli_store``, ``serve`` in ``cli_web``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .cli_terminal import (
    StageProgress,
    _Command,
    _Group,
    epilog,
    err,
    error_line,
    log_to_stderr,
    say,
)
from .config import Settings
from .errors import ConfigError, OutputError, WorkFolderError
from .lang.plural import counted
from .stages import log_stage

if TYPE_CHECKING:
    from .engine import Engine
    from .store import Store

# The pipeline, the engines, the store and the report writer are imported inside the commands
# that use them: loading them costs seconds (spaCy, trafilatura, SQLAlchemy), and --help,
# --version and a usage error should not wait for that.

EXIT_OK, EXIT_SOME_FAILED, EXIT_NOTHING_READ, EXIT_NO_ROOM = 0, 1, 3, 5


Db = Annotated[str, typer.Option("--db", metavar="FILE|URL", help="Store: a file (SQLite) or a database URL.")]
DEFAULT_DB = "newsprism.db"

USAGE_ERROR = (2, "usage error: a bad option, argument or value (nothing was done)")

app = typer.Typer(
    cls=_Group,
    help="newsprism: cross-examine how different outlets covered the same events.",
    epilog=epilog(
        [("newsprism analyze examples/harbor-fire -o out/", "one report of a folder of articles: open out/report.html"),
         ("newsprism ingest examples/harbor-fire", "or keep articles in a store (./newsprism.db) as they come"),
         ("newsprism stories", "then list its stories, newest first"),
         ("newsprism COMMAND --help", "the options, examples and exit codes of a command")],
        [(0, "done"), (1, "some inputs could not be read (analyze, ingest)"), USAGE_ERROR,
         (3, "no article could be read (analyze)"), (4, "no such story or article (report, versions)"),
         (5, "no room for the run's working files (analyze)")]),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


# ---------------------------------------------------------------------------- commands
class OutputFormat(StrEnum):
    files = "files"
    json = "json"


class EngineName(StrEnum):
    auto = "auto"
    local = "local"
    dask = "dask"


ENGINE_HELP = ("auto: this process for a few articles, one worker process per core for many; "
               "local: this process; dask: a Dask cluster.")
WORKERS_HELP = ("Worker processes (auto, or a local Dask cluster); default: the machine's cores, "
                "at most one per GiB of memory available.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """newsprism: cross-examine how different outlets covered the same events."""


ANALYZE_HELP = epilog(
    [("newsprism analyze examples/harbor-fire -o out/", "a folder of articles; then open out/report.html"),
     ("newsprism analyze a.html b.txt feed.jsonl -o out/ -v", "files of any kind, logging each stage as it ends"),
     ("curl -s https://example.org/a.html | newsprism analyze - -f json > out.json",
      "one article from stdin, the report as JSON on stdout"),
     ("newsprism analyze 'crawl/*.warc.gz' -o out/ --engine dask --workers 4", "a large crawl on 4 processes")],
    [(0, "every input was read"),
     (1, "some inputs could not be read: the summary and the report list them, the rest is analysed"),
     USAGE_ERROR, (3, "no article could be read at all (no report of any article)"),
     (EXIT_NO_ROOM, "the run's working files did not fit in the temporary folder (TMPDIR): no report")])


@app.command(cls=_Command, epilog=ANALYZE_HELP)
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...",
                       help="Articles: files (.txt .html .jsonl .warc .warc.gz), folders, globs, or - for stdin."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Folder for report.json, report.html and report.md."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="files: write DIR/; json: print report.json to stdout.")
    ] = OutputFormat.files,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each stage as it ends (counts, time) and every warning.")
    ] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", min=0.001, max=1e6, metavar="MB",  # max: "inf" is a size no int holds
                     help="Refuse any single article larger than this many MB (default 20)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", metavar="FILE", help="Settings file (TOML); see `newsprism config`."),
    ] = None,
    engine_name: Annotated[
        EngineName, typer.Option("--engine", help=ENGINE_HELP)
    ] = EngineName.auto,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="URL", help="Dask scheduler (tcp://HOST:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, metavar="N", help=WORKERS_HELP, show_default=False)
    ] = None,
) -> None:
    """Read articles and write a cited report of what the outlets agree and differ on."""
    log_to_stderr(verbose)
    if output_format is OutputFormat.files and out is None:
        raise typer.BadParameter("give an output folder with -o DIR/, or use --format json", param_hint="--out")
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    settings = _settings(config)
    if out is not None:
        output_folder(out)
    if max_mb is not None:
        settings = settings.updated("ingest", max_article_bytes=int(max_mb * 1e6))
    from .report import write_parts
    from .stream import analyze_streamed

    # The articles and each story's share of the report wait on disk, not in memory (stream.py).
    try:
        with StageProgress(show=not quiet and err.is_terminal) as progress, \
                engine_for(engine_name, scheduler, workers) as engine, \
                analyze_streamed(paths, settings, engine, progress=progress) as report:
            if output_format is OutputFormat.json:
                for chunk in report.json():  # a record at a time, never the whole report as one string
                    sys.stdout.write(chunk)
            folder = None
            if out is not None:
                started = time.perf_counter()
                folder = written_to(out, lambda: write_parts(report, out))
                log_stage(f"wrote report.html, report.json and report.md to {folder}/", time.perf_counter() - started)
            articles, stories, failed = len(report.article_ids), len(report.rows), report.inputs_failed
    except WorkFolderError as error:
        say(error_line(error.path, f"{error.reason}. The run keeps its articles there while it works "
                                   "(about 30 KB each, deleted at the end): free some space, or set TMPDIR "
                                   "to a folder with room"))
        raise typer.Exit(EXIT_NO_ROOM) from None
    for failure in failed:  # errors: printed even with -q
        say(error_line(failure.source, failure.reason))
    if not quiet:
        read = counted(articles, "article") + " read"
        if failed:
            read += f" ({counted(len(failed), 'input')} could not be read)"
        found = f"{counted(stories, 'story', 'stories')} found"
        say(f"{read}, {found}" + (f"; report written to {folder}/ (report.html, report.json, report.md)"
                                  if folder else ""))
    if not articles:
        raise typer.Exit(EXIT_NOTHING_READ)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


CONFIG_HELP = epilog(
    [("newsprism config > newsprism.toml", "the default settings, as a file to edit"),
     ("newsprism analyze articles/ -o out/ -c newsprism.toml", "then run with the edited settings"),
     ("newsprism config -c newsprism.toml", "check a settings file: the settings in effect with it")],
    [(0, "the settings were printed"), (USAGE_ERROR[0], "usage error, or the settings file is not valid")])


@app.command("config", cls=_Command, epilog=CONFIG_HELP)
def show_config(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", metavar="FILE", help="Settings file (TOML) to read first.")
    ] = None,
    show: Annotated[bool, typer.Option("--show", show_default=False,
                                       help="Print the settings in effect, as TOML (what it does anyway).")] = True,
) -> None:
    """Print the settings in effect (the defaults, or FILE over them) as a TOML file to edit."""
    if show:
        typer.echo(_settings(config).to_toml(), nl=False)


def engine_for(name: EngineName, scheduler: str | None, workers: int | None) -> Engine:
    """The engine ``--engine`` names: this process, a Dask cluster (local unless ``scheduler``
    is given) of ``workers`` processes (None: ``default_workers()``, one per core as memory
    allows), or (auto) either, by the size of each stage."""
    from .engine import AutoEngine, DaskEngine, LocalEngine, default_workers

    if workers is None:
        workers = default_workers()

    if name is EngineName.dask:
        return DaskEngine(scheduler, workers)
    return AutoEngine(workers) if name is EngineName.auto else LocalEngine()


def open_store(db: str, settings: Settings | None = None, *, create: bool = False) -> Store:
    """The store at ``db``. A store file that is not there is a usage error naming it, unless
    ``create`` (ingest, serve: then its folder is made too): a mistyped path must not leave an
    empty store behind and list nothing.
    Imported here: SQLAlchemy and the pipeline load only for the commands that use them."""
    if "://" not in db:
        path = Path(db).expanduser()
        if not create and not path.is_file():
            raise typer.BadParameter(f"{db}: no store there (newsprism ingest PATH --db {db} makes one)",
                                     param_hint="--db")
        if create:
            try:  # as -o DIR makes its folder
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise typer.BadParameter(f"{db}: cannot make its folder: {error.strerror}", param_hint="--db") from None
    from .store import Store

    return Store.open(db, settings)


def output_folder(out: Path) -> Path:
    """``-o DIR`` checked before any work: a file, a folder that cannot be created or written
    in, is a usage error naming the path, not a traceback at the end."""
    from .report import check_out_dir

    try:
        return check_out_dir(out)
    except OutputError as error:
        raise typer.BadParameter(str(error), param_hint="--out") from None


def written_to(out: Path, write: Callable[[], dict[str, Path]]) -> Path:
    """The folder ``write`` wrote the report files to; what still goes wrong there after
    ``output_folder`` checked it (a full disk, the folder removed meanwhile) as the same
    usage error."""
    try:
        return write()["html"].parent
    except OutputError as error:
        raise typer.BadParameter(str(error), param_hint="--out") from None


def _settings(config: Path | None) -> Settings:
    if config is None:
        return Settings()
    try:
        return Settings.load(config)
    except ConfigError as error:
        raise typer.BadParameter(str(error), param_hint="--config") from None


from . import cli_store, cli_web  # noqa: E402,F401  (the archive and web commands register themselves on app)

if __name__ == "__main__":  # pragma: no cover
    from newsprism.cli import app as registered  # not this __main__ copy: the module cli_store added commands to

    registered()
