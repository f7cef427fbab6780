"""Shared fixtures: fixture projects and built outputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dossierkit.build import BuildOptions, build
from helpers import FIXTURES, REPO

# Every message printed while testing must have its entry in dossierkit.catalogue (the
# variable reaches the subprocesses the tests start, too).
os.environ["DOSSIERKIT_CATALOGUE_CHECK"] = "1"


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A fresh, writable copy of the minimal fixture dossier."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> dict[str, Path]:
    """The default dossier (the repo root), built once for the whole session."""
    out = tmp_path_factory.mktemp("default-build")
    return {b.format: b.path for b in build(REPO, BuildOptions(out_dir=out, language="en"))}


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("minimal-build")
    return {b.format: b.path for b in build(FIXTURES / "minimal", BuildOptions(out_dir=out))}


@pytest.fixture
def illustrated(tmp_path) -> Path:
    """A dossier with a cover image and a still, styled with the real theme (copied in,
    so that the fixture does not keep a second copy of the fonts)."""
    target = tmp_path / "illustrated"
    shutil.copytree(FIXTURES / "illustrated", target)
    shutil.copytree(REPO / "styles", target / "styles")
    return target
