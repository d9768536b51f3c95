"""Shared fixtures: offscreen Qt, one template database per session copied per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("ENTREGENT_DB", None)
# The app's log (logging_setup) goes to a throw-away folder, never the user's.
os.environ["ENTREGENT_LOG_DIR"] = tempfile.mkdtemp(prefix="entregent-test-logs-")

import pytest  # noqa: E402

from entregent.i18n import set_language  # noqa: E402
from entregent.services.storage.session import close_session, open_session  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _find_corpus() -> Path:
    for candidate in (REPO.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "corpus"


CORPUS = _find_corpus()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """An empty database at the current schema, built once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_session(path, apply_language=False)
    close_session()
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    """A fresh copy of the template database, not yet opened."""
    path = tmp_path / "entregent.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path):
    """The copy opened as the current database; closed after the test."""
    open_session(db_path, apply_language=False)
    set_language("en")
    yield db_path
    close_session()
    set_language("en")


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():  # a missing corpus is a broken checkout, not a reason to skip
        pytest.fail(f"the shared test corpus is missing: expected at {CORPUS}")
    return CORPUS
