"""Benchmarks of issue 14: a catalogue of generated dossiers built with one and two local
worker processes and through a local Dask cluster, and `dossier editions` for 100
recipients against one full build of the default dossier.

    .venv/bin/python benchmarks/catalogue.py [--dossiers 20] [--recipients 100] [--markdown]
                                             [--only catalogue|editions]

Each figure is one run (the machine is shared; rerun for a median). It only measures and
reports: nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from measure import DOSSIER, copy_default_dossier, machine, run_once  # noqa: E402

CATALOGUE_SIZE = 0.02  # a few pages each: a line-up's short kits


def catalogue(folder: Path, count: int) -> list[Path]:
    first = generate(folder / "kit-00", size=CATALOGUE_SIZE)
    projects = [first]
    for index in range(1, count):
        copy = folder / f"kit-{index:02d}"
        shutil.copytree(first, copy)
        manifest = copy / "dossier.toml"
        text = manifest.read_text("utf-8")
        manifest.write_text(text.replace('title = "Generated Dossier"', f'title = "Generated Dossier {index}"', 1),
                            "utf-8")
        projects.append(copy)
    return projects


def time_catalogue(projects: list[Path], *, workers: int | None = None, cluster: str | None = None) -> float:
    from dossierkit.commands.batch import build_many
    from dossierkit.options import BuildOptions

    started = time.perf_counter()
    outcomes = build_many(projects, BuildOptions(force=True), workers=workers, cluster=cluster)
    elapsed = time.perf_counter() - started
    failed = [o.project.name for o in outcomes if not o.ok]
    assert not failed, f"failed: {failed}"
    return elapsed


def catalogue_rows(work: Path, count: int) -> list[tuple[str, str]]:
    import distributed

    projects = catalogue(work / "catalogue", count)
    one = time_catalogue(projects, workers=1)
    two = time_catalogue(projects, workers=2)
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as cluster:
        dask = time_catalogue(projects, cluster=cluster.scheduler_address)
    per_minute = {name: count * 60 / seconds for name, seconds in
                  (("1 local worker", one), ("2 local workers", two), ("Dask, 2 workers on 127.0.0.1", dask))}
    rows = [(f"catalogue of {count}: {name}", f"{count * 60 / rate:.1f} s, {rate:.1f} dossiers/min")
            for name, rate in per_minute.items()]
    rows.append(("scaling ratio, 2 workers / 1", f"{one / two:.2f}× (local), {one / dask:.2f}× (Dask)"))
    return rows


def recipients_file(path: Path, count: int) -> Path:
    languages = ("en", "de", "fr", "es", "ru")
    lines = ["name,outlet,email,language,embargo"]
    lines += [f"Critic {i},Outlet {i},critic{i}@example.org,{languages[i % 5]}," for i in range(count)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def editions_rows(work: Path, count: int) -> list[tuple[str, str]]:
    project = copy_default_dossier(work / "default")
    manifest = project / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8") + '\n[dossier.embargo]\ndate = 2017-10-12\n'
                        'time = "09:00"\ntimezone = "Europe/Moscow"\n', "utf-8")
    build, build_peak = run_once([[DOSSIER, "build", "--force", "--quiet"]], project)
    rows = [("one full build of the default dossier (PDF + EPUB)",
             f"{build:.1f} s, peak {build_peak / 2**20:.0f} MiB")]
    for size in (10, count):
        listing = recipients_file(work / f"recipients-{size}.csv", size)
        seconds, peak = run_once([[DOSSIER, "editions", ".", str(listing), "--quiet"]], project)
        rows.append((f"dossier editions, {size} recipients",
                     f"{seconds:.1f} s = {seconds / build:.2f}× one build, peak {peak / 2**20:.0f} MiB"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=20)
    parser.add_argument("--recipients", type=int, default=100)
    parser.add_argument("--markdown", action="store_true", help="print a table for the README")
    parser.add_argument("--only", choices=("catalogue", "editions"), help="run one of the two")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as scratch:
        rows = [] if args.only == "editions" else catalogue_rows(Path(scratch), args.dossiers)
        rows += [] if args.only == "catalogue" else editions_rows(Path(scratch), args.recipients)
    facts = machine()
    print(", ".join(f"{k}: {v}" for k, v in facts.items()))
    if args.markdown:
        print("| measured | result |\n|---|---|")
        print("\n".join(f"| {name} | {value} |" for name, value in rows))
    else:
        print("\n".join(f"{name:58} {value}" for name, value in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
