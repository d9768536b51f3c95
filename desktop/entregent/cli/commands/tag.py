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
    from entregent.errors import NotFound
    from entregent.model.database import database
    from entregent.services.people.contexts import create_context, find_context, tag_contacts
    from entregent.services.people.resolve import resolve_person

    contact_id = resolve_person(args.name)
    with database.atomic():
        ids = []
        for name in args.contexts:
            try:
                ids.append(find_context(name).id)
            except NotFound:
                if not args.create:
                    raise NotFound(
                        _("No context called “{name}”; add --create to make it.").format(name=name)
                    ) from None
                ids.append(create_context(name))
        tag_contacts([contact_id], ids)
    print(_("Contexts now: {contexts}.").format(contexts=_names(contact_id)))
    return 0


def run_untag(args) -> int:
    from entregent.services.people.contexts import find_context, untag_contacts
    from entregent.services.people.resolve import resolve_person

    contact_id = resolve_person(args.name)
    untag_contacts([contact_id], [find_context(name).id for name in args.contexts])
    print(_("Contexts now: {contexts}.").format(contexts=_names(contact_id)))
    return 0
