"""How the command line looks: help without type clutter, with examples and exit codes
(``epilog``), and what the commands print on stderr (``say``, ``error_line``), log
(``log_to_stderr``) and show while they work (``StageProgress``). No command lives here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from .stages import ANNOTATE, COMPARE, GROUP, READ, STORE

if TYPE_CHECKING:
    from typer import _click  # the click that typer bundles: its Context, Command, HelpFormatter

err = Console(stderr=True)


# ---------------------------------------------------------------------------- help
class _Argument(TyperArgument):
    """An argument shown by its metavar alone ("PATH..."): no "<list[str]>" beside it, and
    no "{PATH...}..." in the usage line."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        if self.metavar is None:
            return super()._usage_display_name()
        return self.metavar if self.required else f"[{self.metavar}]"


def _plain_params(params: list[Any]) -> list[Any]:
    """Flags shown without "<bool>" (they take no value), arguments by their metavar."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
        elif isinstance(param, TyperArgument) and not isinstance(param, _Argument):
            param.__class__ = _Argument  # the same argument, shown as above (it adds no state)
    return params


def _plain_epilog(command: _click.Command, formatter: _click.HelpFormatter) -> None:
    """The epilog without rich (TYPER_USE_RICH=0): its markup dropped, its lines kept."""
    if command.epilog:
        formatter.write_paragraph()
        for line in Text.from_markup(command.epilog).plain.splitlines():
            formatter.write(f"{'':>{formatter.current_indent + 2}}{line}\n" if line else "\n")


class _Command(TyperCommand):
    def get_params(self, ctx: _click.Context) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def format_epilog(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _plain_epilog(self, formatter)


class _Group(TyperGroup):
    def get_params(self, ctx: _click.Context) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def format_epilog(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _plain_epilog(self, formatter)


def epilog(examples: Sequence[tuple[str, str]], exit_codes: Sequence[tuple[int, str]]) -> str:
    """A command's help after its options: examples (each a command line and what it does)
    and what each exit code means, as rich markup."""
    lines = ["[bold]Examples[/bold]", ""]
    for command, what in examples:
        lines += [f"  [dim]# {escape(what)}[/dim]", f"  {escape(command)}", ""]
    lines += ["[bold]Exit codes[/bold]", ""]
    lines += [f"  {code}  {escape(meaning)}" for code, meaning in exit_codes]
    return "\n".join(lines)



# ---------------------------------------------------------------------------- output
def say(message: str | Text) -> None:
    """A line on stderr, as it is: a file name's [brackets] are not markup, and a long path
    is not wrapped (so it can be copied)."""
    err.print(message, markup=False, highlight=False, soft_wrap=True)


def error_line(source: str, reason: str) -> Text:
    """The line naming an input that could not be read: "error SOURCE: REASON", the first
    word in red and the rest literal."""
    return Text.assemble(("error", "red"), f" {source}: {reason}")


class _ConsoleLog(logging.Handler):
    """Log records on the stderr console, above any progress bar, as literal text: every
    library's errors, and with ``verbose`` newsprism's own stages and warnings."""

    verbose = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        return self.verbose and record.levelno >= logging.INFO and record.name.split(".")[0] == "newsprism"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            style = "red" if record.levelno >= logging.ERROR else "yellow" if record.levelno >= logging.WARNING else ""
            say(Text.assemble((record.levelname.lower(), style), f" {self.format(record)}"))
        except Exception:  # noqa: BLE001 - a log line must never end the run
            self.handleError(record)


_log_handler = _ConsoleLog()


def log_to_stderr(verbose: bool) -> None:
    """``-v``: each stage as it ends (what it did, in how long) and every warning; otherwise
    errors only (an input that could not be read is in the summary anyway). On the root
    logger, so a library's own ``logging.basicConfig`` (wordllama calls one on import) adds
    no second handler that prints everything again."""
    root = logging.getLogger()
    if _log_handler not in root.handlers:
        root.addHandler(_log_handler)
    _log_handler.verbose = verbose
    logger = logging.getLogger("newsprism")
    if verbose and logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)


_UNITS = {READ: ("document", "documents"), ANNOTATE: ("article", "articles"), GROUP: ("article", "articles"),
          STORE: ("article", "articles"), COMPARE: ("story", "stories")}


class RateColumn(ProgressColumn):
    """How fast a stage goes, on average since it started: "4.2 articles/s", or "12.5 s/story"
    when slower than one a second (an average, as stories differ in size: one long story and
    one short one give the mean, not the short one's)."""

    def render(self, task: Task) -> Text:
        seconds = task.finished_time if task.finished else task.elapsed
        if not seconds or not task.completed:
            return Text("")
        speed = task.completed / seconds
        one, many = task.fields.get("unit", ("item", "items"))
        return Text(f"{speed:.1f} {many}/s" if speed >= 1 else f"{1 / speed:.1f} s/{one}", style="progress.data.speed")


class StageProgress:
    """The library's ``progress(stage, done, total)`` on the terminal: one line per stage, as it
    starts, with its name, a bar, done/total ("?" while the total is not known), its rate and
    its time. Nothing when ``show`` is false (``-q``, or stderr is not a terminal)."""

    def __init__(self, show: bool) -> None:
        self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                            RateColumn(), TimeElapsedColumn(), console=err, transient=True, disable=not show)
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total, unit=_UNITS.get(stage, ("item", "items")))
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> StageProgress:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.bar.stop()
