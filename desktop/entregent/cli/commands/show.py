"""entregent show NAME|#id [--json]: one person whole."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("show",)
RECENT = 10


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "show",
        parents=[common],
        help=_("one person whole: names, contexts, ways to reach them, groups, history"),
    )
    parser.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def _iso(value):
    if value is None:
        return None
    text = value.isoformat()
    return text + "Z" if hasattr(value, "hour") else text


def _as_json(d, asks, recent) -> dict:
    return {
        "id": d.id,
        "name": d.name,
        "given_name": d.given_name,
        "family_name": d.family_name,
        "nickname": d.nickname,
        "org": d.org,
        "title": d.title,
        "birthday": d.birthday,
        "note": d.note,
        "archived": d.archived,
        "contexts": [{"id": c.id, "label": c.label} for c in d.contexts],
        "methods": [{"kind": m.kind, "label": m.label, "value": m.value} for m in d.methods],
        "groups": [{"id": g.id, "name": g.name, "role": g.role} for g in d.groups],
        "last_contact": _iso(d.last_interaction_at),
        "next_followup": _iso(d.next_followup_on),
        "keep_in_touch_due": _iso(d.keep_in_touch_due),
        "balance": d.reciprocity.as_json(),
        "open_asks": [a.as_json() for a in asks],
        "follow_ups": [
            {"id": f.id, "due_on": f.due_on.isoformat(), "note": f.note} for f in d.follow_ups
        ],
        "interaction_count": d.interaction_count,
        "recent_interactions": [e.as_json() for e in recent],
    }


def run(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.people.detail import person_detail
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.ask_list import list_asks
    from entregent.services.relations.interactions import timeline

    contact_id = resolve_person(args.name)
    detail = person_detail(contact_id)
    asks = list_asks(contact_id, open_only=True)
    recent = timeline(contact_id, limit=RECENT)
    if args.json:
        print_json(_as_json(detail, asks, recent))
        return 0
    _print(detail, asks, recent)
    return 0


def _print(d, asks, recent) -> None:
    from entregent.cli.commands.asks import what_text
    from entregent.contact_labels import method_label
    from entregent.i18n import ngettext
    from entregent.i18n_dates import format_day, format_stored_day
    from entregent.network.kinds import KIND_LABELS

    def line(label: str, value) -> None:
        if value:
            print("  " + _("{label}: {value}").format(label=label, value=value))

    print(f"{d.name or _('(no name)')} #{d.id}")
    line(_("Organisation"), " — ".join(t for t in (d.org, d.title) if t))
    line(_("Nickname"), d.nickname)
    line(_("Birthday"), format_stored_day(d.birthday) if d.birthday else "")
    line(_("Contexts"), ", ".join(c.label for c in d.contexts))
    for m in d.methods:
        line(method_label(m.kind, m.label), m.value)
    line(_("Groups"), ", ".join(g.name + (f" ({g.role})" if g.role else "") for g in d.groups))
    last = d.last_interaction_at
    line(_("Last contact"), format_day(last.date()) if last else _("never"))
    upcoming = [day for day in (d.next_followup_on, d.keep_in_touch_due) if day]
    line(_("Next contact"), format_day(min(upcoming)) if upcoming else "")
    r = d.reciprocity
    line(
        _("Balance"),
        _("{label} (help given {given}, help received {received})").format(
            label=r.label_text, given=r.help_given, received=r.help_received + r.asks_helped
        ),
    )
    if asks:
        print(
            "  "
            + ngettext(
                "{n} ask waiting for an answer:", "{n} asks waiting for an answer:", len(asks)
            ).format(n=len(asks))
        )
        for a in asks:
            print(f"    #{a.id} {format_day(a.asked_at.date())} {what_text(a)}")
    if d.follow_ups:
        print("  " + _("Follow-ups:"))
        for f in d.follow_ups:
            print(f"    #{f.id} {format_day(f.due_on)} {f.note}".rstrip())
    line(_("Note"), d.note)
    if recent:
        print(
            "  "
            + ngettext(
                "Recent interactions ({n} in all):",
                "Recent interactions ({n} in all):",
                d.interaction_count,
            ).format(n=d.interaction_count)
        )
        for e in recent:
            text = e.note or e.summary
            print(
                f"    {format_day(e.occurred_at.date())} {_(KIND_LABELS.get(e.kind, e.kind))}"
                + (f" — {text}" if text else "")
            )
