"""Entry point for `python -m dossierkit`."""

from dossierkit.entry import main

main()
