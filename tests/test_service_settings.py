"""The service's settings as pydantic-settings reads them from the process environment."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pydantic_settings")

from newsbrief.errors import ConfigError  # noqa: E402
from newsbrief.service.settings import Settings  # noqa: E402


def test_process_environment_is_read_and_flags_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_MAX_DOCUMENTS", " 7 ")
    monkeypatch.setenv("NEWSBRIEF_ANALYSIS", "off")
    monkeypatch.setenv("NEWSBRIEF_EXECUTOR", "process")
    monkeypatch.setenv("NEWSBRIEF_REWRITE_API_KEY", "secret")  # read by the rewrite client, not a setting
    settings = Settings.load(None, max_documents=None, port=9001)
    assert (settings.max_documents, settings.analysis, settings.executor, settings.port) == (7, False, "process", 9001)
    assert Settings.load(None, max_documents=3).max_documents == 3


@pytest.mark.parametrize(
    ("variable", "raw", "message"),
    [
        ("NEWSBRIEF_PORT", "http", "NEWSBRIEF_PORT='http' is not a valid int"),
        ("NEWSBRIEF_HEADER_TIMEOUT", "soon", "NEWSBRIEF_HEADER_TIMEOUT='soon' is not a valid float"),
        ("NEWSBRIEF_EXECUTOR", "fork", "executor must be 'thread' or 'process', got 'fork'"),
        ("NEWSBRIEF_MAX_WORDS", "5", "max_words must be between 10 and"),
        ("NEWSBRIEF_REWRITE_URL", "localhost:8080", "the rewrite URL must be an http(s) address"),
    ],
)
def test_a_bad_variable_stops_the_start_with_its_name(monkeypatch: pytest.MonkeyPatch, variable: str, raw: str, message: str) -> None:
    monkeypatch.setenv(variable, raw)
    with pytest.raises(ConfigError, match=re.escape(message)):
        Settings.load(None)


def test_settings_are_frozen() -> None:
    settings = Settings(max_documents=4)
    with pytest.raises(ValueError):
        settings.max_documents = 5  # type: ignore[misc]
    assert settings == Settings(max_documents=4)
