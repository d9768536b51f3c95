"""entregent tag NAME CONTEXT… / entregent untag NAME CONTEXT…"""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("tag", "untag")


def register(subparsers, common) -> None:
    tag = subparsers.add_parser(
        "tag", parents=[common], help=_("tag someone with contexts (family, club …)")
    )
    tag.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    tag.add_argument("contexts", nargs="+", metavar="CONTEXT")
    tag.add_argument(
        "--create", action="store_true", help=_("create the contexts that do not exist yet")
    )
    tag.set_defaults(handler=run_tag)
    untag = subparsers.add_parser("untag", parents=[common], help=_("remove contexts from someone"))
    untag.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    untag.add_argument("contexts", nargs="+", metavar="CONTEXT")
    untag.set_defaults(handler=run_untag)


def _names(contact_id: int) -> str:
    from entregent.services.people.contexts import contexts_of

    return ", ".join(c.label for c in contexts_of(contact_id)) or _("(none)")


def run_tag(args) -> int:
    from entregent.services.people.contexts import tag_by_names
    from entregent.services.people.resolve import resolve_person

    contact_id = resolve_person(args.name)
    tag_by_names(contact_id, args.contexts, create=args.create)
    print(_("Contexts now: {contexts}.").format(contexts=_names(contact_id)))
    return 0


def run_untag(args) -> int:
    from entregent.services.people.contexts import find_context, untag_contacts
    from entregent.services.people.resolve import resolve_person

    contact_id = resolve_person(args.name)
    untag_contacts([contact_id], [find_context(name).id for name in args.contexts])
    print(_("Contexts now: {contexts}.").format(contexts=_names(contact_id)))
    return 0
