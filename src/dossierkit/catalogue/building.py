"""The catalogue's entries for chapters, stylesheets and images, building, and the command line."""

from __future__ import annotations

from dossierkit.catalogue.entry import Entry as E

ENTRIES = [
    # --- chapters and their templates
    E("C401", "the chapter is empty", "write it, or remove it from `dossier.toml`",
      "chapters/two.md: the chapter is empty"),
    E("C402", "the chapter has no title", "start with a `# Title` line",
      "chapters/two.md:1: the chapter has no title"),
    E("C403", "a chapter has one title, this one has {count}", "use `##` for the chapter's sections",
      "chapters/two.md: a chapter has one title, this one has 2"),
    E("C404", "template syntax error: {problem}", "check the `{{ }}` and `{% %}` tags on that line",
      "chapters/two.md:3: template syntax error: unexpected '}'"),
    E("C405", "template error: {problem}", "use a variable the data defines and call helpers as the README's "
      "template reference shows", "chapters/two.md:3: template error: 'nothing' is undefined"),
    E("C406", "id '{id}' is used twice in the book", "give each `{#id}` a unique name",
      "chapters/two.md: id 'credits' is used twice in the book"),
    E("C407", "an image has no source", "give the image a path", "chapters/two.md: an image has no source"),
    E("C408", "image '{url}' has no text alternative",
      "describe it, `![what it shows](path)`, or `alt=\"\"` if it is decoration",
      "chapters/two.md: image 'images/still.png' has no text alternative"),
    E("C409", "link to '{url}' cannot work in a PDF or EPUB", "link to a web address or an `#id`",
      "chapters/two.md: link to 'javascript:alert(1)' cannot work in a PDF or EPUB"),
    E("C411", "chapter file not listed in dossier.toml", "warning; add it to `dossier.chapters` or delete it "
      "(a file a chapter includes is not a chapter and gets none)",
      "chapters/three.md: chapter file not listed in dossier.toml (add 'three' to dossier.chapters, or "
      "delete the file)"),
    E("C410", "refused to load '{url}': a chapter cannot load resources with <{tag}>",
      "chapters load images only; stylesheets come from the manifest",
      "chapters/two.md: refused to load '/etc/passwd': a chapter cannot load resources with <link>"),
    # --- stylesheets
    E("S501", "WeasyPrint: {problem}", "fix the resource or rule it names",
      "the print stylesheets: WeasyPrint: Failed to load font at 'styles/fonts/x.ttf'"),
    E("S502", "an SVG image cannot hold <{tag}>", "remove it, or export the SVG as plain shapes",
      "images/f.svg:3: an SVG image cannot hold <script>"),
    E("S503", "an SVG image cannot hold the event handler '{name}'", "remove it",
      "images/f.svg:1: an SVG image cannot hold the event handler 'onload'"),
    E("S504", "an SVG image cannot load '{url}'", "point `<use>` and gradients at an `#id` of the same "
      "file; draw the rest in it", "images/f.svg:3: an SVG image cannot load 'other.svg#a'"),
    E("S505", "an SVG image cannot run or import anything from its styles", "remove the `@import`",
      "images/f.svg:3: an SVG image cannot run or import anything from its styles"),
    E("S506", "an SVG image cannot load a stylesheet with <?xml-stylesheet?>", "remove it",
      "images/f.svg:1: an SVG image cannot load a stylesheet with <?xml-stylesheet?>"),
    E("S507", "an SVG image cannot declare entities or a DTD", "remove the `<!DOCTYPE …[ ]>` block",
      "images/f.svg:1: an SVG image cannot declare entities or a DTD"),
    E("S508", "an SVG image cannot use entities", "write the characters themselves",
      "images/f.svg:3: an SVG image cannot use entities"),
    E("S509", "'{url}' is an SVG: an SVG image may show PNG, JPEG, GIF or WebP images only", "convert it",
      "images/f.svg:3: 'f.svg' is an SVG: an SVG image may show PNG, JPEG, GIF or WebP images only"),
    E("S510", "not an SVG image: {reason}", "fix or re-export the file",
      "images/f.svg: not an SVG image: it is not well-formed XML"),
    E("S511", "'{path}' is not a font file", "use a TTF, OTF, WOFF or WOFF2 file",
      "styles/print.css:7: 'styles/fonts/x.ttf' is not a font file"),
    E("S512", "the font file is damaged: it cannot be read", "replace it with a font a font editor "
      "opens (the EPUB embeds a subset)", "styles/fonts/x.ttf: the font file is damaged: it cannot be read"),
    # --- building and the outputs
    E("B601", "cannot create the output folder: {reason}", "choose another folder with `--out`",
      "build/out: cannot create the output folder: Not a directory"),
    E("B602", "the output folder is not writable", "fix its permissions or use `--out`",
      "build: the output folder is not writable"),
    E("B603", "cannot write the output: {reason}", "free space or fix permissions; no output was replaced",
      "build/x.pdf: cannot write the output: No space left on device"),
    E("B604", "the title is empty", "give one with `--title \"…\"`", "my-film: the title is empty"),
    E("B605", "the folder already exists and is not empty", "choose a new folder; `dossier new` never "
      "overwrites files", "my-film: the folder already exists and is not empty"),
    E("B606", "cannot create the folder: {reason}", "choose another place",
      "/my-film: cannot create the folder: Permission denied"),
    E("B607", "{problem}", "a bug of dossierkit's: rerun that dossier alone with `--debug` and report the traceback",
      "internal error: RuntimeError: …"),
    E("B608", "'{value}' is not a language tag", "give one like `en`, `ru` or `pt-BR` with `--language`",
      "my-film: 'Russian' is not a language tag (give one like en, ru or pt-BR with --language)"),
    E("B609", "no such recipients file", "give the path of a `.csv` or `.yaml` file",
      "recipients.csv: no such recipients file (give the path of a .csv or .yaml file)"),
    E("B610", "cannot read the recipients file: {reason}", "save it as UTF-8 text",
      "recipients.csv: cannot read the recipients file: 'utf-8' codec can't decode… (save it as UTF-8 text)"),
    E("B620", "a folder or another non-file is in the way of the output", "move it away; nothing was "
      "replaced", "build/minimal.epub: a folder or another non-file is in the way of the output"),
    E("B621", "a file the build did not write is in the way of the output", "in a folder given with "
      "`--out`, only what the last build there recorded is replaced: move the file away",
      "press/minimal.epub: a file the build did not write is in the way of the output"),
    E("B622", "the output would replace a source file of the dossier", "no export writes over a source "
      "(`--out .`): give it a folder of its own", "./styles/print.css: the output would replace a source "
      "file of the dossier"),
    E("B623", "the output would be written outside the output folder (through a link)", "remove the link "
      "in the output folder", "out/styles/print.css: the output would be written outside the output "
      "folder (through a link)"),
    E("B624", "another build is writing to this folder", "wait for it, or build into another folder "
      "with `--out`", "build: another build is writing to this folder"),
    E("B625", "cannot take the folder's lock: {reason}", "a link or a folder where the lock goes: remove it",
      "build/.dossier-build.lock: cannot take the folder's lock: Too many levels of symbolic links"),
    E("B626", "the last build was stopped while it replaced its outputs; the rest of them were put in "
      "place now", "warning; nothing to do: a build killed between two renames is finished by the next",
      "build: the last build was stopped while it replaced its outputs; the rest of them were put in place now"),
    E("B627", "the build record is damaged; building everything", "warning; nothing to do: the build writes "
      "a new record", "build/.dossier-cache.json: the build record is damaged; building everything"),
    # --- the command line
    E("X701", "cannot be used with several dossiers", "leave `--out` out: each dossier builds into its own `out_dir`",
      "--out: cannot be used with several dossiers"),
    E("X702", "'{pages}' is not a page range", "write it like `1-12`", "--pages: '1-x' is not a page range"),
    E("X703", "no pages to show: the PDF has {count}", "choose pages the PDF has",
      "--pages: no pages to show: the PDF has 38"),
    E("X704", "no such PDF", "check the path, or leave out `--pdf`", "missing.pdf: no such PDF"),
    E("X705", "cannot render it: {problem}", "check that it is a PDF",
      "notes.pdf: cannot render it: Failed to load document"),
    E("X706", "unknown check '{name}'", "use one of the checks `dossier verify --help` lists",
      "--only: unknown check 'epubchek' (did you mean 'epubcheck'?)"),
    E("X707", "no such file", "build the dossier first with `dossier build`", "build/x.pdf: no such file"),
    E("X708", "not a PDF or EPUB", "give `.pdf` and `.epub` files", "notes.txt: not a PDF or EPUB"),
    E("X709", "cannot serve the preview: {reason}", "choose another port with `--port`",
      "127.0.0.1:8000: cannot serve the preview: Address already in use"),
    E("X710", "no PDF or EPUB of the dossier here", "`dossier verify` with no files checks every "
      "output `dossier build` wrote: build first", "build: no PDF or EPUB of the dossier here"),
    E("X711", "cannot reach a Dask scheduler at {address}", "start one with `dask scheduler` (and workers "
      "with `dask worker`), then give its address with `--cluster` or `DOSSIER_CLUSTER`",
      "--cluster: cannot reach a Dask scheduler at tcp://10.0.0.5:8786 (start one with `dask scheduler` and "
      "give its address, like tcp://HOST:8786)"),
    E("X712", "building on a cluster needs Dask distributed", "install the extra: "
      "`pip install 'dossierkit[cluster]'`", "--cluster: building on a cluster needs Dask distributed "
      "(install it with pip install 'dossierkit[cluster]')"),
    E("X713", "give one dossier and one recipients file", "`dossier editions [PROJECT_DIR] RECIPIENTS`",
      "RECIPIENTS: give one dossier and one recipients file (dossier editions [PROJECT_DIR] RECIPIENTS)"),
]
