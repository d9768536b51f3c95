"""Issue 17, structure: nested cards without AGENT keep both people; warnings grouped
per kind with their count and first lines (the file's own, 1-based)."""

from __future__ import annotations

from pathlib import Path

from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file
from entregent.services.imports.report import Problem, group_problems

from .test_cli import run_cli

DATA = Path(__file__).parent / "data" / "vcard"


def _people():
    return {
        c.display_name: sorted(
            m.value for m in ContactMethod.select().where(ContactMethod.contact == c)
        )
        for c in Contact.select()
    }


def test_a_card_inside_an_unfinished_card_is_its_own_person_and_the_outer_is_kept(db, tmp_path):
    report = import_file(DATA / "nested.vcf")
    assert (report.new, report.rejected) == (3, [])
    assert [p.line for p in report.skipped_lines] == [5]
    expected = {
        "Olga Outer": ["+33612345678", "olga@example.org"],
        "Ivan Inner": ["ivan@example.org"],
        "Una Unended": ["una@example.org"],
    }
    assert _people() == expected
    out = tmp_path / "out.vcf"
    export_contacts(out)
    database.execute_sql("DELETE FROM source_card")
    database.execute_sql("DELETE FROM contact")
    again = import_file(out)
    assert (again.new, again.rejected, again.skipped_lines) == (3, [], [])
    assert _people() == expected


def test_problems_are_grouped_by_kind_with_count_and_first_lines():
    problems = [Problem(n, "same") for n in (40, 3, 9, 12, 20, 31, 33)] + [Problem(7, "other")]
    groups = group_problems(problems)
    assert [(g.reason, g.count, g.lines, g.lines_text()) for g in groups] == [
        ("same", 7, [3, 9, 12, 20, 31], "3, 9, 12, 20, 31, …"),
        ("other", 1, [7], "7"),
    ]


def test_cli_prints_one_line_per_kind_of_warning(tmp_path):
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Many"]
    lines += ["garbage without a colon"] * 30
    lines += ["END:VCARD"]
    path = tmp_path / "many.vcf"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    done = run_cli("--db", tmp_path / "x.db", "import", path)
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stdout.splitlines() if "skipped" in line]
    assert skipped == [
        "  30 times, lines 4, 5, 6, 7, 8, …: skipped: "
        "this line is not a vCard property; it was skipped."
    ]
