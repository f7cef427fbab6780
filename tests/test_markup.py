"""Shared XML: the safe parser loads nothing, names without namespaces, an EPUB's package."""

from __future__ import annotations

import zipfile

from lxml import etree

from dossierkit.markup import CONTAINER, OPF, XHTML, epub_package, local_name, safe_parser


def test_the_safe_parser_expands_no_entity_and_reads_no_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    document = (f'<!DOCTYPE x [<!ENTITY leak SYSTEM "{secret.as_uri()}"><!ENTITY a "aaaa">]>'
                "<x>&leak;&a;</x>").encode()
    root = etree.fromstring(document, safe_parser())
    assert "SECRET" not in etree.tostring(root, encoding="unicode")
    assert "aaaa" not in "".join(root.itertext())


def test_local_name():
    assert local_name(f"{{{XHTML}}}Section") == "section"
    assert local_name("p") == "p"
    assert local_name(etree.Comment("x").tag) == ""


def test_the_package_is_found_through_the_container(tmp_path):
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/container.xml",
                         f'<container xmlns="{CONTAINER}" version="1.0"><rootfiles>'
                         '<rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/>'
                         "</rootfiles></container>")
        archive.writestr("OPS/book.opf", f'<package xmlns="{OPF}" version="3.0" unique-identifier="id"/>')
    with zipfile.ZipFile(path) as archive:
        opf_path, package = epub_package(archive)
    assert opf_path == "OPS/book.opf"
    assert package.tag == f"{{{OPF}}}package" and package.get("version") == "3.0"
