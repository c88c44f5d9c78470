"""Settings: one typed object, read from TOML, shown by `newsprism config --show`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.errors import ConfigError

runner = CliRunner()


def test_a_toml_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "newsprism.toml"
    path.write_text("[claims]\nrelated = 0.7\n\n[brief]\nestablished = 2\n\n[stories]\nsplit = false\n")
    settings = Settings.load(path)
    assert settings.claims.related == 0.7 and settings.brief.established == 2 and not settings.stories.split
    assert settings.claims.same_claim == Settings().claims.same_claim
    assert settings.reuse == Settings().reuse


def test_shown_settings_are_a_valid_config_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["config", "--show"])
    assert result.exit_code == 0 and "[claims]" in result.output and "[stories]" in result.output
    path = tmp_path / "shown.toml"
    path.write_text(result.output)
    assert Settings.load(path) == Settings()


@pytest.mark.parametrize(("text", "message"), [
    ("[claims]\nrelatd = 0.7\n", "unknown setting 'claims.relatd'"),
    ("[claim]\nrelated = 0.7\n", "unknown setting 'claim'"),
    ("[claims]\nrelated = 'high'\n", "'claims.related' must be float"),
    ("[brief]\nestablished = -1\n", "must not be negative"),
    ("[stories]\nsplit = 1\n", "'stories.split' must be bool"),
    ("claims = 3\n", "[claims] must be a table"),
    ("[claims\n", "is not valid TOML"),
])
def test_a_bad_config_names_the_file_and_the_setting(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        Settings.load(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_cli_rejects_a_bad_config_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[claims]\nrelatd = 0.7\n")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "json", "--config", str(path)])
    assert result.exit_code == 2 and "relatd" in result.output


def test_cli_config_changes_the_run(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    path.write_text("[ingest]\nmax_article_bytes = 10\n")
    (tmp_path / "a.txt").write_text("The city council approved the budget on Tuesday, the mayor said.")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--format", "json", "-q", "-c", str(path)])
    assert result.exit_code == 3  # the one article is over the configured size


@pytest.mark.parametrize("value", ["-5", "0", "inf", "nan"])
def test_max_mb_must_be_a_size(value: str) -> None:
    """Issue 15, item 8: ``--max-mb -5`` (and 0, inf, nan) is a usage error, not a run that
    refuses every article or ends in a traceback."""
    result = runner.invoke(app, ["analyze", "-", "--format", "json", "--max-mb", value], input="x")
    assert result.exit_code == 2 and "--max-mb" in result.output, (result.output, result.exception)


def test_a_negative_size_in_a_config_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[ingest]\nmax_article_bytes = -5\n")
    result = runner.invoke(app, ["analyze", "-", "--format", "json", "--config", str(path)], input="x")
    assert result.exit_code == 2 and "must not be negative" in result.output, result.output


def test_a_limit_of_zero_is_refused(tmp_path: Path) -> None:
    """max_article_bytes = 0 would refuse every article as too large, the run "succeeding" with
    nothing read; every max_ setting is a limit of that kind."""
    for table, key in [("ingest", "max_article_bytes"), ("clean", "max_article_chars")]:
        path = tmp_path / "zero.toml"
        path.write_text(f"[{table}]\n{key} = 0\n")
        result = runner.invoke(app, ["config", "--config", str(path)])
        assert result.exit_code == 2 and "must be above 0" in result.output and key in result.output, result.output
