"""The command line: a thin layer over ``newsprism.analyze`` and ``newsprism.write_report``.

Exit codes: 0 all inputs read; 1 some inputs failed (the report lists them);
3 no article could be read at all; 2 usage errors (Typer's own).
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from . import __version__
from .config import Settings
from .engine import DaskEngine, LocalEngine
from .errors import ConfigError
from .pipeline import analyze as run_analysis
from .report import to_json, write_report

EXIT_OK, EXIT_SOME_FAILED, EXIT_NOTHING_READ = 0, 1, 3

app = typer.Typer(
    help="newsprism: cross-examine how different outlets covered the same events.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


class OutputFormat(StrEnum):
    files = "files"
    json = "json"


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


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


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Articles: files (.txt .html .jsonl .warc .warc.gz), folders, globs, or - for stdin."),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for report.json, report.html and report.md.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="files: write OUT/; json: print report.json to stdout.")
    ] = OutputFormat.files,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage's warnings.")] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", min=0.001, help="Refuse any single article larger than this many MB (default 20)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Settings file (TOML); see `newsprism config --show`.")
    ] = None,
    engine_name: Annotated[
        EngineName, typer.Option("--engine", help="local: in this process; dask: on a Dask cluster.")
    ] = EngineName.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler (tcp://HOST:8786); default: a local cluster.")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster.")
    ] = 2,
) -> None:
    """Read articles and write a cited report of what the outlets agree and differ on."""
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(message)s")
    if output_format is OutputFormat.files and out is None:
        raise typer.BadParameter("give an output folder with -o OUT/, or use --format json", param_hint="--out")
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    settings = _settings(config)
    if max_mb is not None:
        settings = settings.updated("ingest", max_article_bytes=int(max_mb * 1e6))
    show_progress = not quiet and err.is_terminal
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not show_progress,
    ) as bar, (DaskEngine(scheduler, workers) if engine_name is EngineName.dask else LocalEngine()) as engine:
        task = bar.add_task("analysing", total=None)
        report = run_analysis(
            paths, settings, engine=engine,
            progress=lambda stage, done, total: bar.update(task, description=stage, completed=done, total=total),
        )

    if output_format is OutputFormat.json:
        sys.stdout.write(to_json(report))
    if out is not None:
        written = write_report(report, out)
    if not quiet:
        for failure in report.inputs_failed:
            err.print(f"[red]error[/red] {failure.source}: {failure.reason}", markup=True, highlight=False)
        err.print(
            f"{len(report.articles)} articles read, {len(report.inputs_failed)} inputs failed, "
            f"{len(report.stories)} stories"
            + (f"; report written to {written['html'].parent}/ (report.html, report.json, report.md)" if out else ""),
            highlight=False,
        )
    if not report.articles:
        raise typer.Exit(EXIT_NOTHING_READ)
    if report.inputs_failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("config")
def show_config(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Settings file (TOML) to read first.")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the settings in effect, as TOML.")] = True,
) -> None:
    """Print the settings in effect (the defaults, or CONFIG over them) as a TOML file to edit."""
    if show:
        typer.echo(_settings(config).to_toml(), nl=False)


def _settings(config: Path | None) -> Settings:
    if config is None:
        return Settings()
    try:
        return Settings.load(config)
    except ConfigError as error:
        raise typer.BadParameter(str(error), param_hint="--config") from None


from . import cli_store  # noqa: E402,F401  (the archive commands register themselves on app)

if __name__ == "__main__":  # pragma: no cover
    app()
