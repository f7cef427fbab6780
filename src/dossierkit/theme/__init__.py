"""The default theme shipped inside the package: templates every dossier can fall back on."""
