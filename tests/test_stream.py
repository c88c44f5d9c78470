"""The streamed run (stream.py): the same files as a report held in memory, while the driver
holds no article of a story other than the one being sent; and the spill it keeps them in."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsprism import analyze
from newsprism.annotate import Annotator
from newsprism.config import Settings
from newsprism.embed import Embedder, Encoder
from newsprism.engine import Finish, LocalEngine, Members
from newsprism.model import Article, RawDocument, Story
from newsprism.pipeline import DocumentResult
from newsprism.report import write_parts, write_report
from newsprism.spill import Spill, TextSpill
from newsprism.stream import analyze_streamed

from .conftest import EXAMPLE, KURSK

_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def test_a_spill_reads_back_what_was_put_and_deletes_its_file(tmp_path: Path) -> None:
    with Spill(tmp_path, "records") as spill:
        spill.put("a", {"text": "Kyiv — “quoted”", "n": [1, 2]})
        spill.put(("b", 2), [3])
        spill.put("a", {"text": "later"})  # put again: the later value
        assert spill["a"] == {"text": "later"} and spill["b", 2] == [3]
        assert spill["a"] is not spill["a"]  # a copy each time, never a shared object
        assert set(spill) == {"a", ("b", 2)} and len(spill) == 2 and "c" not in spill
        with pytest.raises(KeyError):
            spill["c"]
        assert spill.path.exists() and spill.size > 0
    assert not spill.path.exists()
    with TextSpill(tmp_path, "texts") as texts:
        texts.put(1, "naïve café — ½")
        assert texts[1] == "naïve café — ½" and texts.path.read_bytes() == "naïve café — ½".encode()


def _files(folder: Path) -> dict[str, str]:
    return {name: _STAMP.sub("<time>", (folder / name).read_text("utf-8"))
            for name in ("report.json", "report.html", "report.md")}


def _alive(kind: type = Article) -> set[int]:
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, kind)}


class _Watching(LocalEngine):
    """A local engine that counts the articles alive in this process each time a story's
    members are about to be read back, apart from those alive before (other tests' reports)."""

    def __init__(self, *models: Any) -> None:
        super().__init__(*models)
        self.before, self.inputs_before = _alive(), _alive(RawDocument)
        self.alive: list[int] = []
        self.inputs_alive: list[int] = []

    def read_each(self, raws: Sequence[RawDocument], settings: Settings) -> Iterator[tuple[int, DocumentResult]]:
        for done in super().read_each(raws, settings):
            self.inputs_alive.append(len(_alive(RawDocument) - self.inputs_before))
            yield done

    def compare_each(self, stories: Sequence[Story], members: Members, settings: Settings,
                     finish: Finish | None = None) -> Iterator[tuple[int, Any]]:
        def watched(story: Story) -> list[Article]:
            self.alive.append(len(_alive() - self.before))
            return members(story)

        return super().compare_each(stories, watched, settings, finish)


def test_the_streamed_files_are_the_files_of_the_report_in_memory(
        tmp_path: Path, annotator: Annotator, embedder: Embedder, encoder: Encoder) -> None:
    # two stories and an input that cannot be read: every part of the three files
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    paths = [EXAMPLE, KURSK, tmp_path / "inputs"]
    settings = Settings()
    write_report(analyze(paths, settings, annotator=annotator, embedder=embedder, encoder=encoder),
                 tmp_path / "memory")
    engine = _Watching(annotator, embedder, encoder)
    with analyze_streamed(paths, settings, engine, folder=tmp_path) as streamed:
        work = next(tmp_path.glob("newsprism-run-*"))
        assert (work / "report-parts").stat().st_size > 0  # the stories' shares wait on disk
        assert len(streamed.article_ids) == 10 and len(streamed.rows) == 2 and len(streamed.inputs_failed) == 1
        write_parts(streamed, tmp_path / "streamed")
    assert not work.exists()  # the run's spill goes with the block

    memory, streamed_files = _files(tmp_path / "memory"), _files(tmp_path / "streamed")
    assert '"inputs_failed": [\n    {' in memory["report.json"] and "all stories" in memory["report.html"]
    assert streamed_files == memory
    # when each story's members are read back, no article of the run is alive in the driver;
    # while articles are annotated, no input document but the one just done
    assert engine.alive == [0, 0]
    assert len(engine.inputs_alive) == 10 and max(engine.inputs_alive) <= 1


def test_a_run_deletes_what_killed_runs_left_and_nothing_a_live_one_holds(tmp_path: Path) -> None:
    from newsprism import stream

    code = ("import sys, time\nfrom newsprism import stream\n"
            "with stream._work_folder(sys.argv[1]) as work:\n"
            "    (__import__('pathlib').Path(work) / 'articles').write_bytes(b'x' * 1000)\n"
            "    print(work, flush=True)\n    time.sleep(60)\n")
    # a run that is still going, one killed with SIGKILL while it held its folder (nothing of
    # it could clean up), and one starting (no lock yet)
    live = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    alive = Path(live.stdout.readline().strip())  # type: ignore[union-attr]
    killed = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    dead = Path(killed.stdout.readline().strip())  # type: ignore[union-attr]
    killed.kill()
    killed.wait()
    starting = tmp_path / "newsprism-run-starting"
    starting.mkdir()
    try:
        assert dead.exists() and alive.exists()
        with stream._work_folder(tmp_path) as work:
            assert Path(work).is_dir()
            assert not dead.exists() and alive.exists() and starting.exists()
        assert not Path(work).exists()
    finally:
        live.kill()
        live.wait()


def test_records_of_a_spill_are_read_in_another_process(tmp_path: Path) -> None:
    # what a Dask task carries instead of a story's articles: places in the file, a few bytes
    import pickle

    with Spill(tmp_path, "records") as spill:
        for n in range(5):
            spill.put(f"a{n}", {"n": n, "text": "é" * n})
        records = spill.records(["a3", "a0"])
        carried = pickle.dumps(records)
        assert len(carried) < 200
        code = "import pickle, sys\nprint([r['n'] for r in pickle.loads(sys.stdin.buffer.read())()])"
        run = subprocess.run([sys.executable, "-c", code], input=carried, capture_output=True, check=True)
        assert run.stdout.decode().strip() == "[3, 0]"
    with TextSpill(tmp_path, "texts") as texts, pytest.raises(TypeError):
        texts.records([])


def test_a_full_temporary_folder_ends_the_run_with_a_clear_error(tmp_path: Path) -> None:
    """A disk that fills up while the run spills its articles: the error names the working
    file and says what to do (TMPDIR), the run ends with its own exit code, writes no partial
    report and leaves no working folder behind. The disk is made "full" by a file-size limit
    on the process (RLIMIT_FSIZE: writes past it fail as a full disk's do)."""
    import os
    import resource

    temp, out = tmp_path / "tmp", tmp_path / "out"
    temp.mkdir()

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # an article spills about 27 KB

    command = [sys.executable, "-m", "newsprism", "analyze", str(EXAMPLE), "-o", str(out), "--engine", "local", "-q"]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_files,
                          env=dict(os.environ, TMPDIR=str(temp)), timeout=300)
    said = done.stdout + done.stderr
    assert done.returncode == 5, said
    assert "newsprism-run-" in said and "TMPDIR" in said and "Traceback" not in said
    assert not list(temp.iterdir())  # the working folder went with the run
    assert not (out / "report.html").exists()
