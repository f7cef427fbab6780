"""Work some session fixtures need, done by another process while the tests run, so that the
machine's second core (idle while pytest runs one test at a time) does it.

    python tests/background.py OUT JOB [JOB...]

runs the jobs one after another; each writes its files under OUT/JOB/ and then OUT/JOB.done,
or OUT/JOB.failed holding the traceback. tests/conftest.py starts it once the selected tests
are known and waits for a job's marker when a test first asks for that job's fixture.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import traceback
from pathlib import Path

TESTS = Path(__file__).parent
REPO = TESTS.parent


def _refuse(problem) -> None:
    raise RuntimeError(f"the build warned: {problem}")


def variants(out: Path) -> None:
    """The default dossier's press and archive PDFs (A4), its screen PDF on Letter, and its
    `--format html` export laid out by bare WeasyPrint (the page count in pages.txt)."""
    from dossierkit.build import BuildOptions, build

    english = {"language": "en"}  # the edition the session build makes
    build(REPO, BuildOptions(formats=("pdf",), variants=("press", "archive"), out_dir=out / "a4",
                             **english), warn=_refuse)
    build(REPO, BuildOptions(formats=("pdf",), paper="letter", out_dir=out / "letter", **english),
          warn=_refuse)
    html = next(b.path for b in build(REPO, BuildOptions(formats=("html",), out_dir=out / "html",
                                                         **english),
                                      warn=_refuse) if b.path.suffix == ".html")
    import weasyprint

    # WeasyPrint's own API with its own fetcher, as a user of the export would run it: the
    # whole book as one document, against which the parts laid out apart are compared.
    document = weasyprint.HTML(filename=str(html), base_url=str(html)).render()
    (out / "pages.txt").write_text(str(len(document.pages)))
    document.write_pdf(out / "bare.pdf")


def one_worker(out: Path) -> None:
    """The session build's edition again, its parts laid out one after another by one worker."""
    from dossierkit.build import BuildOptions, build

    build(REPO, BuildOptions(out_dir=out, language="en", workers=1), warn=_refuse)


def scale(out: Path) -> None:
    """The generated dossier of tests/test_scale.py, built."""
    sys.path.insert(0, str(TESTS))
    from dossierkit.build import BuildOptions, build
    from test_scale import make_large_dossier

    project = make_large_dossier(out / "large")
    build(project, BuildOptions(out_dir=out / "build"), warn=_refuse)


def wheel(out: Path) -> None:
    """A venv with dossierkit installed from a freshly built wheel, nothing from the repo.

    Its dependencies come from this environment's site-packages through a .pth file (no
    downloads); the editable install's own .pth there is not processed, so the wheel's
    copy of dossierkit is the only one that venv can import.
    """
    wheels = out / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(wheels)], check=True)
    venv = out / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "_parent_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    built = next(wheels.glob("dossierkit-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "-q", str(built)], check=True)
    # What test_new_and_build_from_an_installed_wheel reads: which dossierkit that venv
    # imports, then `dossier new` and `dossier build` run from it, and EPUBCheck's report.
    work = out / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": ""}
    where = subprocess.run([python, "-c", "import dossierkit; print(dossierkit.__file__)"],
                           capture_output=True, text=True, check=True, cwd=work, env=env)
    (work / "where.txt").write_text(where.stdout)
    subprocess.run([venv / "bin" / "dossier", "new", "x", "--title", "Test Film"], check=True,
                   cwd=work, env=env, capture_output=True)
    run = subprocess.run([venv / "bin" / "dossier", "build"], cwd=work / "x", env=env,
                         capture_output=True, text=True)
    (work / "build.json").write_text(json.dumps(
        {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr}))
    _epubcheck(work / "x" / "build" / "test-film.epub", work)


def _epubcheck(epub: Path, folder: Path) -> None:
    """EPUBCheck's report on `epub` in folder/epubcheck.out and .err (or .skipped, saying
    why it cannot run), for helpers.saved_epubcheck_findings."""
    from dossierkit.verify import Result, epubcheck

    args = epubcheck.command(epub)
    if isinstance(args, Result):
        (folder / "epubcheck.skipped").write_text(args.summary)
        return
    check = subprocess.run(args, capture_output=True, check=False, timeout=600)
    (folder / "epubcheck.out").write_bytes(check.stdout)
    (folder / "epubcheck.err").write_bytes(check.stderr)


def _dossier(*args, cwd: Path) -> dict:
    """Run the command line in a process; its status and output, as build.json records it."""
    run = subprocess.run([sys.executable, "-m", "dossierkit", *args], cwd=cwd,
                         capture_output=True, text=True)
    return {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr}


def scaffold(out: Path) -> None:
    """`dossier new film --title "Test Film"`, then `dossier build --format epub` run in that
    folder, and EPUBCheck on the EPUB."""
    runs = {"new": _dossier("new", "film", "--title", "Test Film", cwd=out)}
    runs["build"] = _dossier("build", "--format", "epub", cwd=out / "film")
    (out / "runs.json").write_text(json.dumps(runs))
    _epubcheck(out / "film" / "build" / "test-film.epub", out)


def scaffold_ru(out: Path) -> None:
    """`dossier new --language ru`, built (PDF and EPUB), and EPUBCheck on the EPUB."""
    runs = {"new": _dossier("new", "film", "--title", "Салют", "--language", "ru", cwd=out)}
    runs["build"] = _dossier("build", "film", cwd=out)
    (out / "runs.json").write_text(json.dumps(runs))
    _epubcheck(out / "film" / "build" / "film.epub", out)


def editions_default(out: Path) -> None:
    """`dossier editions . recipients.csv` on a copy of the default dossier with the three
    recipients of tests/editions/test_default_dossier.py, and EPUBCheck on each EPUB."""
    import shutil

    sys.path.insert(0, str(TESTS))
    from helpers import DEFAULT_RECIPIENTS

    project = out / "default"
    project.mkdir()
    for name in ("dossier.toml", "chapters", "styles"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    (project / "recipients.csv").write_text(DEFAULT_RECIPIENTS, "utf-8")
    runs = {"editions": _dossier("editions", ".", "recipients.csv", "--quiet", cwd=project)}
    (out / "runs.json").write_text(json.dumps(runs))
    for epub in sorted((project / "build/editions").glob("*.epub")):
        (out / "epubcheck" / epub.name).mkdir(parents=True)
        _epubcheck(epub, out / "epubcheck" / epub.name)


JOBS = {"variants": variants, "scale": scale, "wheel": wheel, "scaffold": scaffold,
        "scaffold-ru": scaffold_ru, "editions-default": editions_default, "one-worker": one_worker}


def main(out: Path, names: list[str]) -> None:
    for name in names:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        try:
            JOBS[name](folder)
        except BaseException:  # noqa: BLE001 — reported to the test that waits for it
            (out / f"{name}.failed").write_text(traceback.format_exc(), "utf-8")
        else:
            (out / f"{name}.done").write_text("", "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
