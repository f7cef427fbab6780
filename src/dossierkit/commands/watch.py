"""`dossier watch`: build, then rebuild what each change affects; a mistake is shown, watching goes on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from dossierkit.build import BuildOptions, Built, build, load_and_render
from dossierkit.errors import DossierError
from dossierkit.options import DEFAULT_FORMATS, DEFAULT_OUT_DIR


@dataclass
class WatchEvents:
    """What the watcher tells its caller; every hook is optional."""

    progress: Callable[[], object] | None = None  # makes a fresh progress display per build
    built: Callable[[list[Built]], None] = lambda results: None
    failed: Callable[[DossierError], None] = lambda error: None
    changed: Callable[[list[str]], None] = lambda paths: None
    warn: Callable[[object], None] | None = None  # None: the build's own default


# What editors write beside a file while it is edited or saved: Vim's swap, backup and
# write-test files (.x.swp, x~, 4913), Emacs's lock and auto-save files (.#x, #x#),
# JetBrains' safe-write copies (x___jb_tmp___) and other tools' .tmp/.bak/.part files.
_TEMPORARY_SUFFIXES = ("~", ".tmp", ".temp", ".bak", ".orig", ".part", ".crdownload",
                       "___jb_tmp___", "___jb_old___", ".swp", ".swo", ".swx")


def is_temporary(path: Path) -> bool:
    """True for an editor's temporary file, or the leftover of an interrupted write: not a
    source, so its coming and going builds nothing."""
    name = path.name
    return (name.startswith((".", "#")) or name.endswith(_TEMPORARY_SUFFIXES)
            or name.isdigit())


def formats_for(changed: Iterable[Path], root: Path, epub_stylesheets: Iterable[str],
                formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats a set of changed files needs rebuilt.

    Only a change confined to the EPUB's own stylesheets can spare the PDF; anything
    else (chapters, data, the manifest, print styles, which also set the print pages an
    EPUB page-list follows) rebuilds everything.
    """
    epub_only = {(root / s).resolve() for s in epub_stylesheets}
    changed = {Path(p).resolve() for p in changed}
    if changed and changed <= epub_only and "epub" in formats:
        return ("epub",)
    return formats


class Watcher:
    def __init__(self, project: Path, options: BuildOptions = BuildOptions(),
                 events: WatchEvents | None = None, preview=None):
        self.root = project.resolve()
        self.options = options
        self.events = events or WatchEvents()
        self.preview = preview
        self.builds = 0

    def _manifest_facts(self) -> tuple[Path, list[str], tuple[str, ...]]:
        """Output folder, EPUB stylesheets and formats, as far as the manifest can be read."""
        from dossierkit.source.manifest import load_manifest

        wanted = self.options.formats
        try:
            manifest, _ = load_manifest(self.root)
        except DossierError:
            return (self.options.out_dir or self.root / DEFAULT_OUT_DIR), [], wanted or DEFAULT_FORMATS
        output = manifest.output
        out_dir = self.options.out_dir or self.root / output.out_dir
        return out_dir, list(output.epub_stylesheets), wanted or tuple(output.formats)

    def build_once(self, formats: tuple[str, ...] | None = None) -> bool:
        """One build; a mistake is reported and does not stop the watcher."""
        options = replace(self.options, formats=formats) if formats else self.options
        display = self.events.progress() if self.events.progress else None
        warn = {"warn": self.events.warn} if self.events.warn else {}
        try:
            if display is not None:
                with display:
                    results = build(self.root, options, display, **warn)
            else:
                results = build(self.root, options, **warn)
            if self.preview is not None:
                self.preview.show_book(load_and_render(self.root))
        except DossierError as error:
            self.builds += 1
            if self.preview is not None:
                self.preview.show_problems([str(p) for p in error.problems])
            self.events.failed(error)
            return False
        self.builds += 1
        self.events.built(results)
        return True

    def run(self, stop: threading.Event | None = None, *, ready: threading.Event | None = None) -> None:
        """Build, then watch until `stop` is set (or Ctrl-C)."""
        import watchfiles

        stop = stop or threading.Event()
        self.build_once()
        out_dir, _, _ = self._manifest_facts()
        watch_filter = watchfiles.DefaultFilter(ignore_paths=[out_dir.resolve()])
        # An empty batch (a timeout) proves the watcher is running: only then is it "ready".
        for changes in watchfiles.watch(self.root, watch_filter=watch_filter, stop_event=stop,
                                        debounce=400, step=50, rust_timeout=300,
                                        yield_on_timeout=True, raise_interrupt=False):
            if ready is not None and not ready.is_set():
                ready.set()
            paths = sorted({Path(p) for _, p in changes})
            paths = [p for p in paths if not is_temporary(p)]
            if not paths:
                continue
            self.events.changed([str(p.relative_to(self.root)) if p.is_relative_to(self.root)
                                 else str(p) for p in paths])
            _, epub_styles, formats = self._manifest_facts()
            self.build_once(formats_for(paths, self.root, epub_styles, formats))


def run_watch(project_dir: Path, options: BuildOptions, *, serve: bool = False,
              port: int = 8000, quiet: bool = False) -> None:
    """Build and rebuild until Ctrl-C, reporting each build; with `serve`, a live preview."""
    import typer

    from dossierkit.commands.progress import make_progress
    from dossierkit.commands.report import echo_problems, show_outputs, warner
    from dossierkit.errors import fail, shown

    def changed(paths: list[str]) -> None:
        if not quiet:
            typer.echo(f"changed: {', '.join(paths)}", err=True)

    events = WatchEvents(progress=lambda: make_progress(quiet),
                         built=lambda results: show_outputs([b.path for b in results], quiet=quiet),
                         failed=echo_problems, changed=changed, warn=warner(quiet))
    preview = None
    if serve:
        from dossierkit.commands.preview import Preview

        try:
            preview = Preview(project_dir.resolve(), port=port)
        except OSError as exc:
            raise fail(f"127.0.0.1:{port}", f"cannot serve the preview: {exc.strerror}",
                       hint="choose another port with --port") from None
        preview.start()
        typer.echo(f"preview: {preview.url}", err=True)
    try:
        if not quiet:
            typer.echo(f"watching {shown(project_dir)} (Ctrl-C to stop)", err=True)
        Watcher(project_dir, options, events, preview).run()
    finally:
        if preview is not None:
            preview.stop()
