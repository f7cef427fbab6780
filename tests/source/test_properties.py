"""Property tests: whatever the manifest or a data file holds, loading gives a model or our error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossierkit.errors import DossierError, Problems
from dossierkit.source.loader import Dossier, load_dossier
from dossierkit.source.manifest import MANIFEST, validate_manifest
from dossierkit.source.models import Data, Manifest
from helpers import FIXTURES

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=20) | st.dates().map(str))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)
# Keys the models know, so that random values land where validation has work to do.
manifest_keys = st.sampled_from(sorted(Manifest.model_fields) + ["output", "extra"])
data_files = st.sampled_from(sorted(Data.model_fields))


@pytest.fixture(scope="module")
def project():
    """One copy of the minimal fixture, rewritten by each example."""
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(FIXTURES / "minimal", folder / "p")
    yield folder / "p"
    shutil.rmtree(folder)


def _load(project: Path) -> None:
    try:
        assert isinstance(load_dossier(project, environ={}), Dossier)
    except DossierError as error:
        assert error.errors and all(str(p) for p in error.problems)


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_manifest_text_gives_a_model_or_our_error(project, text):
    original = (project / MANIFEST).read_bytes()
    try:
        (project / MANIFEST).write_text(text, "utf-8")
        _load(project)
    finally:
        (project / MANIFEST).write_bytes(original)


@SETTINGS
@given(document=st.dictionaries(st.sampled_from(["dossier", "output", "other"]),
                                st.dictionaries(manifest_keys, values, max_size=8)
                                | values, max_size=3))
def test_any_manifest_structure_gives_a_model_or_our_error(document):
    problems = Problems()
    try:
        manifest = validate_manifest(document, "", problems)
    except DossierError as error:
        assert error.errors
        return
    assert manifest is None or isinstance(manifest, Manifest)
    assert manifest is not None or problems.has_errors


@SETTINGS
@given(name=data_files, text=st.text(max_size=300))
def test_any_data_text_gives_a_model_or_our_error(project, name, text):
    path = project / "chapters" / "data" / f"{name}.yaml"
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_text(text, "utf-8")
        _load(project)
    finally:
        path.unlink()
        if original is not None:
            path.write_bytes(original)


@SETTINGS
@given(name=data_files, value=values)
def test_any_data_structure_gives_a_model_or_our_error(project, name, value):
    path = project / "chapters" / "data" / f"{name}.yaml"
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_text(yaml.safe_dump(value, allow_unicode=True), "utf-8")
        _load(project)
    finally:
        path.unlink()
        if original is not None:
            path.write_bytes(original)
