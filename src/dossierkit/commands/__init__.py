"""The commands behind `dossier`, one module each; HELP is what each one's --help says."""

HELP = {
    "build": """Build the dossier's PDF and EPUB.

    Examples:

      dossier build                 # PDF and EPUB of this dossier, into build/

      dossier build path/to/dossier --format epub

      dossier build --out /tmp/press-kit

      dossier build --format pdf --variant press --paper letter

      dossier build --format html   # build/<slug>.html, for bare WeasyPrint

      dossier build kit-a kit-b kit-c   # several dossiers, one per core

      dossier build kit-a kit-b --cluster tcp://scheduler:8786   # on a Dask cluster

      dossier build --force         # rebuild all, ignoring the build cache

      dossier build --quiet         # errors only, for scripts

    Shows each stage as it runs (live on a terminal, plain lines otherwise).

    Ends with a table of the outputs: path, size and pages.
    """,

    "editions": """One PDF and one EPUB per recipient, each marked for whom it was prepared and its embargo.

    Examples:

      dossier editions recipients.csv            # this dossier, into build/editions/

      dossier editions path/to/dossier recipients.yaml --out /tmp/kits

      dossier editions recipients.csv --cluster tcp://scheduler:8786

    The recipients file has the columns name, outlet, email, language and, optionally,
    embargo; the manifest's [dossier.embargo] gives the others'. The book is laid out once
    (once per set of quotations the recipients' embargoes allow) and stamped for each;
    editions.json lists every file with its size and SHA-256.
    """,

    "check": """Load, validate and render the dossier in memory; write nothing.

    Examples:

      dossier check

      dossier check path/to/dossier

      dossier check --strict             # unknown keys fail too, for CI
    """,

    "new": """Start a new dossier: manifest, example chapters of every kind, data, styles and fonts.

    The example builds at once and passes EPUBCheck; replace its example data and text.

    The slug, which names the outputs, is made from the title.

    Examples:

      dossier new my-film --title "My Film"

      dossier new moj-film --title "Мой фильм" --language ru

      dossier new ~/press/my-film --title "My Film" && cd ~/press/my-film && dossier build
    """,

    "watch": """Build, then rebuild whenever a source changes; stop with Ctrl-C.

    A change to the EPUB's stylesheet rebuilds only the EPUB; others rebuild everything.

    A mistake is shown and watching goes on.

    Examples:

      dossier watch

      dossier watch path/to/dossier --serve            # preview at http://127.0.0.1:8000/

      dossier watch --format pdf --serve --port 8765
    """,

    "proof": """Render the PDF's pages to one PNG contact sheet, for review or a README.

    Examples:

      dossier proof                                   # build/<slug>-proof.png

      dossier proof --out docs/pages.png --pages 1-12 --columns 6

      dossier proof --pdf build/my-film-press.pdf --width 120
    """,

    "verify": """Check the outputs: EPUBCheck, Ace, PDF/UA, PDF structure, fonts, page-list and text.

    A PDF and an EPUB of the same name are checked against each other too.

    Exits with status 1 if any check finds an error. Ace runs when DAISY Ace is installed.

    Examples:

      dossier build && dossier verify

      dossier verify build/my-film.pdf build/my-film.epub

      dossier verify --json > report.json

      dossier verify --only epubcheck --only fonts
    """,
}


def afresh(debug: bool) -> bool:
    """A new run of the command line: nothing placed yet, which an interrupt will report."""
    from dossierkit.transaction import placed

    placed.clear()
    return debug
