"""The journal: what vCards and calendars cannot carry.

The user's own groups, memberships, tie strengths and cadences, how people
met, and a year of logged interactions (calls, messages, help given and
received, asks with their outcomes, introductions) and follow-ups. Each story
the advisor and the due list need has its example here (see ``story`` on the
people in seedgen_people.py).
"""

from __future__ import annotations

import datetime as dt
import random

from seedgen_people import ANCHOR, MY_EMAILS, MY_NAME, ORGANIZATIONS, Person, days


def when(offset: int, hour: int = 18, minute: int = 0) -> str:
    return dt.datetime.combine(days(offset), dt.time(hour, minute)).isoformat(timespec="minutes")


def log(offset, kind, register, names, note="", channel="", hour=18, minute=0, **extra):
    entry = {"when": when(offset, hour, minute), "kind": kind, "register": register,
             "with": list(names), "note": note}
    if channel:
        entry["channel"] = channel
    entry.update(extra)
    return entry


def story_interactions() -> list[dict]:
    return [
        # The close tie: the brother, seen and called often, helped once.
        log(-100, "help_given", "help_given", ["Julien Durand"],
            "Helped Julien fill in the heat-pump grant forms for his house.", "in person"),
        log(-9, "call", "social", ["Julien Durand"], "Long call about Léa's cello exam.",
            "phone", hour=20),
        log(-2, "message", "social", ["Julien Durand"], "Photos of Hugo's football match.",
            "WhatsApp", hour=21),
        # Someone we owe: Stéphane reviewed our bid.
        log(-80, "ask", "ask", ["Stéphane Aubert"],
            "How do the Métropole's tender panels weigh the carbon criteria?", "phone",
            ask={"what": "advice", "outcome": "helped", "outcome_on": days(-75).isoformat(),
                 "decision": "no_warnings"}),
        log(-75, "help_received", "help_received", ["Stéphane Aubert"],
            "Sent his cost model for the heat-network study and reviewed our bid, line by line.",
            "e-mail", hour=11),
        # Gaëlle lent her van.
        log(-30, "help_received", "help_received", ["Gaëlle Kerjean"],
            "Lent me her van to take the sofa to Nicolas's parents.", "in person", hour=10),
        log(-28, "volunteering", "group", ["Gaëlle Kerjean"],
            "Sorted the winter coat collection together.", "in person", hour=9,
            organization="panier"),
        # More received than given with Amélie.
        log(-300, "help_received", "help_received", ["Amélie Girard"],
            "Passed my name to Enedis for the Villeurbanne grid study.", "e-mail", hour=9),
        log(-200, "ask", "ask", ["Amélie Girard"],
            "Could she recommend Lumière to Enedis's regional procurement team?", "e-mail",
            ask={"what": "recommendation", "outcome": "helped",
                 "outcome_on": days(-190).isoformat(), "decision": "no_warnings"}),
        log(-120, "help_received", "help_received", ["Amélie Girard"],
            "Sent the anonymised load curves we needed.", "e-mail", hour=16),
        # The pending ask: an introduction three weeks ago, no answer yet.
        log(-150, "help_given", "help_given", ["Olivier Mercier"],
            "Built the programme of ACTE's spring conference day.", "in person",
            organization="acte"),
        log(-21, "ask", "ask", ["Olivier Mercier"],
            "An introduction to the Métropole's director of energy.", "in person", hour=20,
            ask={"what": "introduction", "outcome": "pending", "decision": "no_warnings"}),
        # Only in touch to ask.
        log(-300, "ask", "ask", ["Jérôme Picard"],
            "Advice on the subcontracting clause for a freelance engineer.", "phone", hour=13,
            ask={"what": "advice", "outcome": "helped", "outcome_on": days(-298).isoformat(),
                 "decision": "no_warnings"}),
        log(-60, "ask", "ask", ["Jérôme Picard"],
            "The name of a good tenancy lawyer for Nicolas.", "e-mail", hour=9,
            ask={"what": "recommendation", "outcome": "helped",
                 "outcome_on": days(-58).isoformat(), "decision": "no_warnings"}),
        # Met once at the tennis tournament, never since.
        log(-70, "sport", "social", ["Rémi Fontaine"],
            "Doubles together at the autumn tournament; lost in the quarter-finals, laughed a lot.",
            "in person", hour=15),
        # The gym: five days ago, nothing since.
        log(-5, "sport", "social", ["Karim Benali"],
            "Chatted between two sets: he is launching a cargo-bike delivery start-up.",
            "in person", hour=7, minute=30),
        # The gym: twelve days ago, followed up.
        log(-12, "sport", "social", ["Zoé Lemaire"], "Spinning class, she runs the Lyon half.",
            "in person", hour=10),
        log(-9, "message", "social", ["Zoé Lemaire"], "Sent her my training plan.", "SMS",
            hour=19),
        # Priya: help both ways, and an introduction.
        log(-65, "help_received", "help_received", ["Priya Raman"],
            "Introduced me to Northwind's UK energy manager.", "e-mail", hour=10),
        log(-40, "help_given", "help_given", ["Priya Raman"],
            "Proofread her French tender documents.", "e-mail", hour=17),
        log(-38, "introduction", "help_given", ["Priya Raman", "Olivier Mercier"],
            "Priya would like to speak at ACTE's congress: put her in touch with Olivier.",
            "e-mail", hour=9),
        # Asked a close tie once, knowingly.
        log(-140, "ask", "ask", ["Mathilde Roux"],
            "Which pharmacy could take a work-study student from the charity?", "phone",
            ask={"what": "advice", "outcome": "helped", "outcome_on": days(-130).isoformat(),
                 "decision": "ask_anyway", "warnings": ["close_tie"]}),
        # Sarah: an ask, returned with hospitality.
        log(-180, "ask", "ask", ["Sarah Clarke"], "How does ESOS compliance work in the UK?",
            "video call", ask={"what": "advice", "outcome": "helped",
                               "outcome_on": days(-179).isoformat(), "decision": "no_warnings"}),
        log(-150, "help_given", "help_given", ["Sarah Clarke"],
            "Hosted Sarah and her son for the Fête des Lumières.", "in person"),
        log(-16, "message", "social", ["Sarah Clarke"], "Christmas plans?", "WhatsApp", hour=22),
        # The partner, the parents, the grandmother.
        log(-1, "meal", "social", ["Nicolas Garnier"], "Dinner at the Vietnamese place.",
            "in person", hour=20),
        log(-4, "call", "social", ["Françoise Durand", "Bernard Durand"],
            "Sunday call; Papa's knee is better.", "phone", hour=11),
        log(-4, "call", "social", ["Geneviève Lefèvre"], "Mamie wants the plum jam recipe back.",
            "phone", hour=10),
        log(-3, "message", "social", ["Émilie Durand"], "Voice note from London.", "WhatsApp",
            hour=8),
        # Introductions between contacts.
        log(-100, "introduction", "help_given", ["Marc Lambert", "Isabelle Fournier"],
            "Marc's bakery needs an energy audit before its refit.", "e-mail", hour=12),
        log(-2, "message", "social", ["Nicolas Garnier"], "Train tickets for Christmas.", "SMS",
            hour=12),
    ]


def story_followups() -> list[dict]:
    return [
        {"who": "Stéphane Aubert", "due": days(5).isoformat(),
         "note": "Send him the Chambéry heat-network lead: return the favour."},
        {"who": "Hélène Marchand", "due": days(-3).isoformat(),
         "note": "Call Hélène and plan a weekend in Annecy."},
        {"who": "Olivier Mercier", "due": days(10).isoformat(), "time": "09:30",
         "note": "Ask gently whether the Métropole introduction is still possible."},
        {"who": "Ingrid Vasseur", "due": days(2).isoformat(),
         "note": "Offer to help with the December meetup's logistics."},
        {"who": "Priya Raman", "due": days(-20).isoformat(),
         "note": "Send the French tender glossary.", "done": days(-19).isoformat()},
        {"who": "Françoise Durand", "due": days(4).isoformat(),
         "note": "Book the restaurant for Maman's birthday."},
        {"who": "Thomas Roux", "due": days(14).isoformat(),
         "note": "Ask Thomas how the new job in Chambéry is going."},
        {"who": "Maxime Carré", "due": days(3).isoformat(), "time": "10:00",
         "note": "Birthday cake with the team."},
    ]


FILLER_NOTES = {
    "call": ["Caught up on the holidays.", "Quick call, all well.", "Talked about work.",
             "Planned the next dinner."],
    "message": ["Happy new year!", "Sent the photos.", "Shared an article on heat pumps.",
                "Congratulations on the new job."],
    "meal": ["Dinner at home.", "Lunch in the old town.", "Brunch at the market."],
    "coffee": ["Coffee near the office.", "Coffee after the market."],
    "party": ["Birthday drinks.", "Housewarming party.", "Apéro on the terrace."],
    "family_visit": ["Sunday lunch.", "Afternoon with the kids.", "Helped in the garden."],
    "sport": ["Squash after work.", "Weights at the gym, chatted after.", "Morning run."],
}


def filler_interactions(people: list[Person], rng: random.Random) -> list[dict]:
    entries: list[dict] = []
    reserved = {p.name for p in people if p.story} | {"Nicolas Garnier"}
    family = [p for p in people if "family" in p.contexts and p.name not in reserved]
    friends = [p for p in people if "friends" in p.contexts and p.name not in reserved]
    gym = [p for p in people if "gym" in p.groups and p.name not in reserved]

    def add(offset, kind, register, person, channel):
        entries.append(log(offset, kind, register, [person.name],
                           rng.choice(FILLER_NOTES[kind]), channel,
                           hour=rng.randint(8, 21)))

    # Family: calls and visits, most of them within their cadence.
    for person in family:
        cadence = person.cadence or 30
        offset = -rng.randint(1, max(2, int(cadence * 1.4)))
        while offset > -360:
            kind = rng.choice(["call", "call", "message", "family_visit"])
            add(offset, kind, "social", person,
                {"call": "phone", "message": "SMS", "family_visit": "in person"}[kind])
            offset -= rng.randint(max(3, cadence // 2), cadence + 10)
    # Parents and grandmother: every other week.
    for name in ("Françoise Durand", "Geneviève Lefèvre", "Bernard Durand", "Émilie Durand",
                 "Julien Durand"):
        person = next(p for p in people if p.name == name)
        for offset in range(-18, -360, -rng.randint(12, 20)):
            add(offset, "call", "social", person, "phone")
    # Friends: a few moments each through the year; some drift past their cadence.
    for person in friends:
        last = -rng.choice([3, 8, 12, 15, 22, 26, 30, 35, 40, 60, 75, 100])
        for _ in range(rng.randint(1, 5)):
            kind = rng.choice(["message", "call", "meal", "coffee", "party"])
            add(last, kind, "social", person,
                {"message": "WhatsApp", "call": "phone"}.get(kind, "in person"))
            last -= rng.randint(20, 90)
            if last < -360:
                break
    # The gym regulars.
    for person in gym[:6]:
        for _ in range(rng.randint(1, 4)):
            add(-rng.randint(15, 300), "sport", "social", person, "in person")
    # Help given and received across the network (the user gives a little more).
    helpers = [p for p in people if p.name not in reserved and not p.contexts == ["family"]]
    given = ["Reviewed a CV.", "Shared a contact at the Métropole.", "Explained the decree on "
             "tertiary buildings.", "Mentored a junior consultant for an afternoon.",
             "Wrote a LinkedIn recommendation.", "Lent my camping gear."]
    received = ["Recommended a plumber.", "Looked after the cat for a week.",
                "Shared a template for tender answers.", "Gave a lift to the airport."]
    for _ in range(24):
        person = rng.choice(helpers)
        # Help within a group counts as taking part in its work; none yet in the
        # data-science society the user has just joined.
        group = ({"organization": person.groups[0]}
                 if person.groups and person.groups[0] not in ("slsd", "gym") else {})
        entries.append(log(-rng.randint(20, 340), "help_given", "help_given", [person.name],
                           rng.choice(given), rng.choice(["in person", "e-mail", "phone"]),
                           hour=rng.randint(9, 19), **group))
    # Taking part in the groups' work (P8): one contribution logged in each but the
    # newest (the data-science society) and the gym.
    contributions = {
        "tennis": "Kept the score table at the club's junior tournament.",
        "dejeuners": "Found the guest speaker for the March lunch.",
        "lumiere": "Onboarded the two new junior consultants.",
        "vernier": "Handed over the Confluence heat-network files.",
        "acte": "Chaired the round table on heat pumps at the congress.",
        "panier": "Drove the Saturday collection round.",
    }
    for group, note in contributions.items():
        members = [p for p in people if group in p.groups and p.name not in reserved]
        entries.append(log(-rng.randint(60, 300), "volunteering" if group == "panier"
                           else "help_given", "group" if group == "panier" else "help_given",
                           [p.name for p in members[:2]], note, "in person",
                           hour=rng.randint(9, 19), organization=group))
    for _ in range(9):
        person = rng.choice(helpers)
        offset = -rng.randint(120, 340)
        entries.append(log(offset, "help_received", "help_received", [person.name],
                           rng.choice(received), "in person", hour=rng.randint(9, 19)))
        entries.append(log(offset + rng.randint(10, 60), "help_given", "help_given",
                           [person.name], rng.choice(given), "in person",
                           hour=rng.randint(9, 19)))
    # A declined ask in the tennis club.
    club = [p for p in people if "tennis" in p.groups and p.name not in reserved]
    entries.append(log(-90, "ask", "ask", [club[10].name],
                       "Could I take over his Sunday court booking for a client?", "SMS",
                       ask={"what": "favour", "outcome": "declined",
                            "outcome_on": days(-89).isoformat(), "decision": "no_warnings"}))
    # Neighbours: the building party, and a few chats.
    neighbours = [p for p in people if "neighbourhood" in p.contexts]
    entries.append(log(-185, "party", "social", [p.name for p in neighbours[:6]],
                       "Fête des voisins in the courtyard.", "in person", hour=19))
    # Introductions the user made.
    lumiere = [p for p in people if "lumiere" in p.groups and p.name not in reserved]
    slsd = [p for p in people if "slsd" in p.groups and p.name not in reserved]
    panier = [p for p in people if "panier" in p.groups and p.name not in reserved]
    entries.append(log(-10, "introduction", "help_given", ["Maxime Carré", slsd[0].name],
                       "Maxime is looking for a data meetup to speak at.", "e-mail", hour=9))
    entries.append(log(-220, "introduction", "help_given", [panier[2].name, lumiere[4].name],
                       "The food bank needs help with its energy bills.", "e-mail", hour=14))
    entries.sort(key=lambda e: e["when"])
    return entries


def person_entry(person: Person) -> dict:
    entry: dict = {"name": person.name, "contexts": person.contexts}
    for key, value in (("tie", person.tie), ("cadence_days", person.cadence),
                       ("how_met", person.how_met), ("met_on", person.met_on),
                       ("met_place", person.met_place), ("met_context", person.met_context),
                       ("introduced_by", person.introduced_by)):
        if value:
            entry[key] = value
    memberships = []
    for group in person.groups:
        if group in ("lumiere", "vernier", "acte", "slsd", "tennis", "panier", "dejeuners",
                     "gym"):
            membership = {"organization": group, "role": person.roles.get(group, "")}
            if group in person.since:
                membership["since"] = person.since[group]
            memberships.append(membership)
    if memberships:
        entry["memberships"] = memberships
    if person.story:
        entry["story"] = person.story
    return entry


def story_relations() -> list[dict]:
    """Who knows whom among the user's people ("b is a's kind")."""
    pairs = [
        ("Sophie Lambert", "Marc Lambert", "spouse", ""),
        ("Bernard Durand", "Françoise Durand", "spouse", ""),
        ("Bernard Durand", "Julien Durand", "child", ""),
        ("Julien Durand", "Léa Durand", "child", ""),
        ("Julien Durand", "Hugo Durand", "child", ""),
        ("Sophie Lambert", "Luc N'Diaye", "colleague", ""),
        ("Sophie Lambert", "Rachel Carter", "colleague", ""),
        ("Luc N'Diaye", "Rachel Carter", "colleague", ""),
        ("Sarah Clarke", "Julien Jacquet", "friend", "Manchester"),
        ("Sarah Clarke", "James Morgan", "friend", "Manchester"),
        ("Amélie Girard", "Stéphane Aubert", "colleague", "Vernier"),
        ("Régis Lefèbvre", "Lucy Murphy", "friend", "the Grenoble choir"),
        ("Marc Lambert", "Baptiste Héraud", "friend", "best man at the wedding"),
        ("Priya Raman", "Amélie Girard", "knows", "the Manchester office project"),
    ]
    return [{"a": a, "b": b, "kind": k, **({"note": n} if n else {})} for a, b, k, n in pairs]


def build_journal(people: list[Person], rng: random.Random) -> dict:
    organizations = []
    for key, (name, kind, joined, left, role, context, _category) in ORGANIZATIONS.items():
        organizations.append({"key": key, "name": name, "kind": kind, "joined_on": joined,
                              "left_on": left, "my_role": role, "context": context})
    return {
        "about": "Entregent demo network. Dates are as of the anchor; the demo loader shifts "
                 "every date by (today - anchor). Written by seeds/make_seeds.py.",
        "anchor": ANCHOR.isoformat(),
        "me": {"name": MY_NAME, "emails": MY_EMAILS},
        "settings": {"my_emails": MY_EMAILS, "phone_region": "FR"},
        "organizations": organizations,
        "people": [person_entry(p) for p in people],
        "interactions": sorted(story_interactions() + filler_interactions(people, rng),
                               key=lambda e: e["when"]),
        "followups": story_followups(),
        "relations": story_relations(),
    }
