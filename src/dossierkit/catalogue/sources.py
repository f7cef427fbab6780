"""The catalogue's entries for a dossier's sources: the manifest, keys and values, files."""

from __future__ import annotations

from dossierkit.catalogue.entry import Entry as E

ENTRIES = [
    # --- the manifest
    E("M101", "no manifest found", "run the command in the dossier folder, or create `dossier.toml`",
      "dossier.toml: no manifest found"),
    E("M102", "invalid TOML: {problem}", "check quotes, brackets and `=` signs on that line; a date is "
      "written unquoted, `2024-02-29`", "dossier.toml:3: invalid TOML: illegal character '\\n'"),
    E("M103", "the [dossier] table is missing", "add `[dossier]` with title, language, identifier…",
      "dossier.toml: dossier: the [dossier] table is missing"),
    E("M104", "unknown table", "warning; the manifest has `[dossier]` and `[output]`",
      "dossier.toml:17: outptu: unknown table (did you mean [output]?)"),
    E("M105", "chapter '{slug}' has no file {path}", "create the file or remove the slug",
      "dossier.toml:8: dossier.chapters[2]: chapter 'three' has no file chapters/three.md"),
    E("M106", "chapter '{slug}' is listed twice", "list each chapter once",
      "dossier.toml:8: dossier.chapters: chapter 'one' is listed twice"),
    E("M107", "not a number of seconds since 1970: '{value}'",
      "set a whole number (`git log -1 --format=%ct`) or unset it",
      "environment: SOURCE_DATE_EPOCH: not a number of seconds since 1970: 'yesterday'"),
    E("M108", "not a folder", "give the path of a dossier project", "notes.txt: not a folder"),
    E("M109", "no labels in '{language}': the words dossierkit adds (Contents, Notes, dates…) stay English",
      "warning; the edition is built with English labels",
      "dossier.toml:4: dossier.language: no labels in 'it': the words dossierkit adds (Contents, Notes, "
      "dates…) stay English (labels exist in en, ru, de, fr, es)"),
    E("M111", "an edition needs an embargo", "add `[dossier.embargo]` with date, time and timezone, or "
      "an `embargo` column to the recipients file",
      "dossier.toml: dossier.embargo: an edition needs an embargo (add [dossier.embargo] with date, time and "
      "timezone, or give the recipients an embargo column in recipients.csv)"),
    E("M112", "unknown time zone '{zone}'", "use an IANA name such as `Europe/Moscow` or `UTC`",
      "dossier.toml:14: dossier.embargo.timezone: unknown time zone 'Mars/Base' (use an IANA name like "
      "Europe/Moscow or UTC)"),
    E("M110", "no '{language}' edition", "`--language` names an edition the manifest declares",
      "dossier.toml: dossier.languages: no 'it' edition (add the language to languages in dossier.toml, "
      "or build one of: en, ru)"),
    E("M120", "'{value}' is outside the dossier project", "give a folder inside the project, such as "
      "`\"build\"` (links followed); `--out` builds elsewhere",
      "dossier.toml:16: output.out_dir: '../elsewhere' is outside the dossier project"),
    E("M121", "'{value}' is the project folder itself", "give a folder of its own, such as `\"build\"`",
      "dossier.toml:16: output.out_dir: '.' is the project folder itself"),
    # --- keys and values, in the manifest and in data files alike
    E("D201", "required key is missing", "add the key", "dossier.toml:1: dossier.title: required key is missing"),
    E("D202", "unknown key", "warning (an error when it stands for a missing required key); fix the "
      "spelling or remove it", "…/claims.yaml:2: [0].topc: unknown key (did you mean 'topic'?)"),
    E("D203", "{problem}", "the value does not fit the key: give a value of the kind the message "
      "names (the README's reference lists every key)",
      "…/claims.yaml:5: [0].verdict: input should be 'faithful', …"),
    E("D204", "invalid YAML: {problem}", "check indentation, colons and quotes; remove control characters",
      "…/claims.yaml:3: invalid YAML: did not find expected ',' or ']'"),
    E("D205", "unknown data file", "warning; rename or remove the file",
      "…/claimz.yaml: unknown data file (did you mean 'claims.yaml'?)"),
    E("D206", "'{kind}' is already given by {path}", "keep one of the two files",
      "…/claims.yml: 'claims' is already given by chapters/data/claims.yaml"),
    E("D207", "the file is empty", "add its data or delete the file", "…/claims.yaml: the file is empty"),
    E("D208", "unknown source '{id}'", "cite an id of `sources.yaml`",
      "…/claims.yaml:6: [0].sources[1]: unknown source 'example-sight' (did you mean 'example-site'?)"),
    E("D209", "duplicate id '{id}' (first used at {where})", "give each entry its own id",
      "…/sources.yaml:7: [1].id: duplicate id 'example-book' (first used at [0])"),
    E("D210", "more than {limit} values once aliases are expanded",
      "remove the repeated aliases (`&name` / `*name`)",
      "…/facts.yaml:9: more than 1000000 values once aliases are expanded"),
    E("D211", "nested deeper than {limit} levels", "flatten the structure",
      "…/facts.yaml:1: nested deeper than 32 levels"),
    E("D212", "'{old}' is now spelt '{new}'", "warning; the old key still works: rename it",
      "…/film.yaml:6: director: 'director' is now spelt 'directors' (rename the key to 'directors')"),
    E("D213", "the tagline repeats the logline", "write a tagline of its own, or leave it out",
      "…/film.yaml:7: tagline: the tagline repeats the logline (a tagline is the poster's line, shorter "
      "than the logline)"),
    E("D214", "the short synopsis has {count} words", "shorten it",
      "…/film.yaml:8: synopsis.short: the short synopsis has 61 words (shorten it to 60 words; the long "
      "one has room)"),
    E("D215", "'{value}' is not a date like 2017, 2017-09 or 2017-09-21", "write it as precisely as the "
      "source gives it", "…/releases.yaml:1: [0].date: 'September 2017' is not a date like 2017, 2017-09 "
      "or 2017-09-21 (write it as precisely as the source gives it)"),
    E("D216", "a cast entry names nobody", "give the actor, the character or both (an unknown actor is a "
      "character without `actor`)", "…/credits.yaml:2: cast[0]: a cast entry names nobody (give the actor, "
      "the character or both)"),
    E("D217", "actor '{actor}' as '{character}' is listed twice (first at {where})", "remove this entry (the "
      "line is the duplicate's own); for a double role give each its character",
      "…/credits.yaml:4: cast[2].actor: actor 'A' as 'X' is listed twice (first at cast[0]) (remove this "
      "entry; for a double role give each its character)"),
    E("D218", "unknown person '{id}'", "use an id of `people.yaml`",
      "…/credits.yaml:2: cast[0].person: unknown person 'a-actr' (did you mean 'a-actor'?)"),
    E("D219", "the name cannot be read in a template", "rename the file with letters, digits and `_`",
      "chapters/data/extra/my-notes.yaml: the name cannot be read in a template (name it with letters, "
      "digits and _ (extra.<name>))"),
    # --- the recipients file of `dossier editions`, and the quotations an edition prints
    E("D220", "missing column", "add the column; the columns are name, outlet, email, language and, "
      "optionally, embargo", "recipients.csv:1: email: missing column (the columns are name, outlet, "
      "email, language and, optionally, embargo)"),
    E("D221", "empty value", "give the recipient's name, outlet, e-mail and language",
      "recipients.csv:3: outlet: empty value (give the recipient's outlet)"),
    E("D222", "duplicate recipient '{recipient}' (first on line {line})", "list each recipient (name and "
      "outlet) once", "recipients.csv:4: duplicate recipient 'Jane Doe, The Verge' (first on line 2) "
      "(list each recipient once)"),
    E("D223", "unknown language '{language}'", "give a language dossierkit has labels in",
      "recipients.csv:3: language: unknown language 'xx' (use one of en, ru, de, fr, es)"),
    E("D224", "'{value}' is not a date and time", "write the embargo like `2017-10-12 09:00 Europe/Moscow`",
      "recipients.csv:3: embargo: '12/10/2017' is not a date and time (write it like 2017-10-12 09:00 "
      "Europe/Moscow, or 2017-10-12 for the manifest's time and zone)"),
    E("D225", "no recipients", "add one row per recipient under the header", "recipients.csv: no recipients "
      "(add one row per recipient under the header)"),
    E("D226", "not a list of recipients", "write a YAML list of mappings",
      "recipients.yaml: not a list of recipients (write a list of mappings with name, outlet, email and language)"),
    E("D227", "a recipient is not a mapping", "give each recipient as a mapping of name, outlet, email, language",
      "recipients.yaml:3: a recipient is not a mapping (give name, outlet, email and language)"),
    E("D228", "quote “{quote}” is not cleared for the edition for {recipient}",
      "set `cleared: true` once permission to reprint is given, or remove the quote",
      "chapters/data/reviews.yaml:7: [0].quotes[0]: quote “The first example quotation.” is not cleared for "
      "the edition for Jane Doe, The Verge (set cleared: true once permission is given, or remove the quote)"),
    E("D229", "quote “{quote}” is embargoed until {date}, after the edition for {recipient}: left out",
      "warning (an error with `--strict`); the quote is printed in the editions embargoed from that day on",
      "chapters/data/reviews.yaml:11: [0].quotes[1]: quote “The second example quotation, embargoed.” is "
      "embargoed until 2024-03-01, after the edition for Jane Doe, The Verge: left out (it is printed in "
      "editions embargoed from 2024-03-01 on)"),
    # --- files
    E("F301", "file not found", "check the path", "chapters/two.md: file not found"),
    E("F302", "cannot read the file: {reason}", "check the file's permissions",
      "chapters/two.md: cannot read the file: Permission denied"),
    E("F303", "file is {size} bytes, over the limit of {limit}", "split it into smaller files",
      "chapters/two.md: file is 4400015 bytes, over the limit of 4194304"),
    E("F304", "not valid UTF-8 (byte {byte})", "save the file as UTF-8",
      "chapters/two.md:3: not valid UTF-8 (byte 0xe9)"),
    E("F305", "the file is a symlink loop", "make the link point at a real file",
      "chapters/two.md: the file is a symlink loop"),
    E("F306", "the file is a link to outside the dossier project", "copy the file into the project",
      "chapters/two.md: the file is a link to outside the dossier project"),
    E("F307", "not a file", "check the path", "chapters/two.md: not a file"),
    E("F308", "refused to load '{url}': it is outside the dossier project", "copy the resource into the project",
      "dossier.toml:14: output.print_stylesheets[0]: refused to load 'file:///etc/passwd': "
      "it is outside the dossier project"),
    E("F309", "refused to load '{url}': only files inside the dossier may be used",
      "copy it into the project; nothing is fetched from the network",
      "chapters/two.md: refused to load 'http://…/still.png': only files inside the dossier may be used"),
    E("F310", "resource not found: {url}", "check the path (relative to the project folder, or to the "
      "stylesheet that names it)", "dossier.toml:15: output.epub_stylesheets[0]: resource not found: styles/epub.css"),
    E("F311", "'{url}' is a symlink loop", "make the link point at a real file",
      "chapters/two.md: 'images/still.png' is a symlink loop"),
    E("F312", "resource is not a file: {url}", "check the path", "chapters/two.md: resource is not a file: images"),
    E("F313", "cannot open '{url}': {reason}", "check the path and its permissions",
      "chapters/two.md: cannot open 'images/still.png': Permission denied"),
    # F314 and F315 are retired (the size limit and the SVG check now say it): never reused.
    E("F316", "'{url}' is not an image", "use a PNG, JPEG, GIF, WebP or SVG file",
      "chapters/two.md: 'images/still.png' is not an image"),
    E("F317", "image '{url}' has too many pixels", "make it smaller",
      "chapters/two.md: image 'images/huge.png' has too many pixels"),
    E("F318", "'{url}' is a {kind} image, which an EPUB cannot hold", "use a PNG, JPEG, GIF, WebP or SVG file",
      "chapters/two.md: 'images/still.bmp' is a BMP image, which an EPUB cannot hold"),
    E("F319", "'{path}' is not a file type an EPUB can hold",
      "use CSS, TTF/OTF/WOFF fonts or PNG, JPEG, GIF, WebP or SVG images",
      "styles/epub.css: 'styles/notes.txt' is not a file type an EPUB can hold"),
    E("F320", "'{url}' is not a file of the dossier; an EPUB cannot load it", "copy the resource into the project",
      "styles/epub.css: 'http://…/x.woff2' is not a file of the dossier; an EPUB cannot load it"),
    E("F321", "not a regular file (a folder, device, FIFO or socket)", "give the path of an ordinary "
      "file; a FIFO or a device is never opened",
      "dossier.toml: not a regular file (a folder, device, FIFO or socket)"),
    E("F322", "refused to load '{url}': its name has a space or a character an EPUB cannot hold",
      "rename the file with letters, digits, `-`, `_` and `.`",
      "chapters/two.md: refused to load 'images/my%20still.png': its name has a space or a character an "
      "EPUB cannot hold"),
    E("F323", "control character {character} is not allowed", "remove it (a TOML `\"\\u0007\"` or a YAML "
      "`\"\\x07\"` escape writes one too)", "chapters/two.md:5: control character 0x07 is not allowed"),
]
