"""entregent import FILE… [--json] [--create-contacts] [--dry-run] [--since DATE | --all-dates]"""

from __future__ import annotations

from entregent.i18n import _, ngettext

COMMANDS = ("import",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "import", parents=[common], help=_("import vCard (.vcf) and iCalendar (.ics) files")
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    parser.add_argument(
        "--create-contacts",
        action="store_true",
        help=_("calendars: turn attendees who are not contacts into contacts"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("count what would change, store nothing")
    )
    dates = parser.add_mutually_exclusive_group()
    dates.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help=_("calendars: import the events from this day (YYYY-MM-DD) on"),
    )
    dates.add_argument(
        "--all-dates",
        action="store_true",
        help=_("calendars: import the events of every date, however old"),
    )
    parser.set_defaults(handler=run)


def _date(text: str):
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date (YYYY-MM-DD)").format(text=text)
        ) from exc


def run(args) -> int:
    from entregent.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
    from entregent.cli.output import print_json
    from entregent.errors import NothingImported, UserError
    from entregent.services.imports.dispatch import import_file

    reports, failures = [], []
    for path in args.files:
        try:
            reports.append(
                import_file(
                    path,
                    create_contacts=args.create_contacts,
                    dry_run=args.dry_run,
                    since=args.since,
                    all_dates=args.all_dates,
                )
            )
        except NothingImported as exc:
            failures.append({"path": str(path), "error": str(exc), "report": exc.report})
        except UserError as exc:
            failures.append({"path": str(path), "error": str(exc)})
    if args.json:
        data = {"files": [r.as_json() for r in reports]}
        if failures:
            data["errors"] = [_failure_json(f) for f in failures]
        print_json(data)
    else:
        for report in reports:
            _print_report(report)
        for failure in failures:
            import sys

            print(f"entregent: {failure['error']}", file=sys.stderr)
            if "report" in failure:
                for line in _problem_lines(failure["report"]):
                    print("  " + line, file=sys.stderr)
    if failures:
        return EXIT_USAGE
    if any(r.rejected for r in reports):
        return EXIT_PARTIAL
    return EXIT_OK


def _event_day(when: str) -> str:
    """An event's ISO date (all day) or moment (UTC) in the reader's words."""
    from entregent.i18n_dates import format_stored_day, format_stored_moment

    return format_stored_day(when) if len(when) == 10 else format_stored_moment(when)


def _failure_json(failure: dict) -> dict:
    """A file refused: its path and error; for one read but with nothing to store,
    also every problem with its line (``rejected``, ``skipped_lines``)."""
    data = {"path": failure["path"], "error": failure["error"]}
    report = failure.get("report")
    if report is not None:
        data["nothing_imported"] = True
        data["rejected"] = [p.as_json() for p in report.rejected]
        data["skipped_lines"] = [p.as_json() for p in report.skipped_lines]
    return data


def _problem_lines(report) -> list[str]:
    from entregent.services.imports.report import group_problems

    return [
        _problem_line(what, group)
        for what, problems in (("rejected", report.rejected), ("skipped", report.skipped_lines))
        for group in group_problems(problems)
    ]


def _print_report(report) -> None:
    unit = _("interactions") if report.kind == "ics" else _("contacts")
    print(f"{report.path} ({unit})")
    print(
        "  "
        + _("new: {new}, updated: {updated}, unchanged: {unchanged}").format(
            new=report.new, updated=report.updated, unchanged=report.unchanged
        )
    )
    if report.kind == "ics":
        print("  " + _("removed: {n}").format(n=report.removed))
    if report.duplicate_candidates:
        print(
            "  "
            + ngettext(
                "{n} possible duplicate:", "{n} possible duplicates:", report.duplicates
            ).format(n=report.duplicates)
        )
        for d in report.duplicate_candidates:
            print(
                "    "
                + _("{name} shares {shared} with {existing}").format(
                    name=d.name, shared=d.shared, existing=d.existing_name
                )
            )
    for line in _problem_lines(report):
        print("  " + line)
    for problem in getattr(report, "replaced", ()):
        print(
            "  "
            + _("line {line}: replaced: {reason}").format(line=problem.line, reason=problem.reason)
        )
    for event in report.unmatched:
        print(
            "  "
            + _("no known person at “{summary}” ({date})").format(
                summary=event.summary, date=_event_day(event.date)
            )
        )
    if report.kind == "ics":
        from entregent.services.imports.report import calendar_notes

        for note in calendar_notes(report):
            print("  " + note)
        if report.older:
            print("  " + _("(to import them: entregent import --all-dates, or --since YYYY-MM-DD)"))
    for component, count in sorted(report.skipped_components.items()):
        print("  " + _("skipped {count} {component}").format(count=count, component=component))
    if report.dry_run:
        print("  " + _("(dry run: nothing was stored)"))


def _problem_line(what: str, group) -> str:
    """One line per kind of problem: its count and first lines when it repeats."""
    line = group.lines[0] if group.lines else None
    if group.count == 1:
        if what == "rejected":
            return _("line {line}: rejected: {reason}").format(line=line, reason=group.reason)
        return _("line {line}: skipped: {reason}").format(line=line, reason=group.reason)
    if what == "rejected":
        text = ngettext(
            "{n} time, lines {lines}: rejected: {reason}",
            "{n} times, lines {lines}: rejected: {reason}",
            group.count,
        )
    else:
        text = ngettext(
            "{n} time, lines {lines}: skipped: {reason}",
            "{n} times, lines {lines}: skipped: {reason}",
            group.count,
        )
    return text.format(n=group.count, lines=group.lines_text(), reason=group.reason)
