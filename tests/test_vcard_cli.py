"""import / imports / undo-import / duplicates / merge / export contacts, as scripts see them."""

from __future__ import annotations

import json

from .conftest import CORPUS
from .test_cli import run_cli

ANA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana L.\r\nEMAIL:Ana@Example.org\r\nEND:VCARD\r\n"
)


def test_import_exit_codes_and_json(tmp_path, corpus):
    db = tmp_path / "x.db"
    good = tmp_path / "ana.vcf"
    good.write_text(ANA, encoding="utf-8")
    result = run_cli("--db", db, "import", good, "--json")
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)["files"]
    assert {k: report[k] for k in ("kind", "new", "updated", "unchanged", "duplicates")} == {
        "kind": "vcard",
        "new": 2,
        "updated": 0,
        "unchanged": 0,
        "duplicates": 1,
    }
    assert report["rejected"] == [] and report["skipped_lines"] == []

    result = run_cli(
        "--db", db, "import", CORPUS / "vcard" / "khard" / "vcards" / "unparsable.vcf", "--json"
    )
    assert result.returncode == 2  # its only card is broken: nothing imported
    data = json.loads(result.stdout)
    assert data["files"] == []
    [error] = data["errors"]
    assert error["nothing_imported"] is True and error["rejected"][0]["line"] == 1

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 10)
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    for bad in (pdf, empty):
        result = run_cli("--db", db, "import", bad)
        assert result.returncode == 2
        assert bad.name in result.stderr

    result = run_cli("--db", db, "imports", "--json")
    batches = json.loads(result.stdout)["imports"]
    assert [(b["new"], b["rejected"]) for b in batches] == [(2, 0)]  # no row for nothing

    result = run_cli("--db", db, "import", good)
    assert result.returncode == 0
    assert "new: 0, updated: 0, unchanged: 2" in result.stdout


def test_duplicates_merge_undo_and_export(tmp_path):
    db = tmp_path / "x.db"
    good = tmp_path / "ana.vcf"
    good.write_text(ANA, encoding="utf-8")
    assert run_cli("--db", db, "import", good).returncode == 0
    pairs = json.loads(run_cli("--db", db, "duplicates", "--json").stdout)["pairs"]
    assert [(p["first_name"], p["second_name"], p["shared"]) for p in pairs] == [
        ("Ana Lima", "Ana L.", ["ana@example.org"])
    ]
    result = run_cli("--db", db, "merge", "Ana Lima", str(pairs[0]["second_id"]), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["other_name"] == "Ana L."
    assert json.loads(run_cli("--db", db, "duplicates", "--json").stdout)["pairs"] == []

    out = tmp_path / "out.vcf"
    result = run_cli("--db", db, "export", "contacts", out, "--vcard-version", "4.0")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == 1

    result = run_cli("--db", db, "undo-import", "1", "--json")
    assert result.returncode == 0, result.stderr
    undo = json.loads(result.stdout)
    # both records came from that import and the merge changed nothing of Ana Lima's
    assert (undo["removed"], undo["left_alone"]) == (1, [])
    assert json.loads(run_cli("--db", db, "search", "Ana", "--json").stdout)["results"] == []
    assert run_cli("--db", db, "undo-import", "42").returncode == 2
    assert run_cli("--db", db, "merge", "Nobody Here", "1").returncode == 2
