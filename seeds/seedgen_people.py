"""The people of the demo network: a handful written by hand (the stories the
advisor and the due list need) and the rest drawn from the name lists.

Every date is absolute and computed from ANCHOR; the demo loader shifts them
all by (today - anchor) so the network always looks current.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from seedgen_names import (CITIES, ENGLISH_FAMILY, ENGLISH_MEN, ENGLISH_WOMEN, FRENCH_FAMILY,
                           FRENCH_MEN, FRENCH_WOMEN, STREETS)

ANCHOR = dt.date(2026, 11, 26)
MY_NAME = "Camille Durand"
MY_EMAILS = ["camille.durand@example.org", "c.durand@lumiere-conseil.example"]


def days(n: int) -> dt.date:
    """The date n days after the anchor (negative: before)."""
    return ANCHOR + dt.timedelta(days=n)


# The user's groups: key -> (name, kind, joined, left, my role, context, CATEGORIES value)
ORGANIZATIONS = {
    "lumiere": ("Lumière Conseil", "employer", "2021-03-01", None,
                "Senior consultant, energy transition", "work", "Work"),
    "vernier": ("Vernier Ingénierie", "employer", "2014-09-01", "2021-02-26",
                "Project engineer", "work", "Work"),
    "acte": ("ACTE – Association des Consultants en Transition Énergétique", "association",
             "2020-09-15", None, "Board member (programme)", "association", "Association"),
    "slsd": ("Société Lyonnaise de Science des Données", "association",
             days(-49).isoformat(), None, "Member", "association", "Association"),
    "tennis": ("Tennis Club de la Croix-Rousse", "club", "2019-04-06", None,
               "Member, doubles team", "club", "Club"),
    "panier": ("Le Panier Solidaire", "charity", "2022-01-15", None,
               "Volunteer, Saturday team lead", "charity", "Charity"),
    "dejeuners": ("Les Déjeuners du Jeudi", "lunch_group", "2023-05-04", None, "Member",
                  "work", "Déjeuners du jeudi"),
    "gym": ("FitClub Part-Dieu", "sport", "2025-09-08", None, "Member", "sport", "Sport"),
}


@dataclass
class Person:
    given: str
    family: str
    lang: str = "fr"  # "fr" or "en"
    groups: list[str] = field(default_factory=list)  # organization keys
    contexts: list[str] = field(default_factory=list)  # built-in context names
    categories: list[str] = field(default_factory=list)  # as the phone wrote them
    emails: list[tuple[str, str]] = field(default_factory=list)  # (label, address)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (label, E.164)
    address: tuple[str, str, str] | None = None  # (street, city, postcode)
    org: str = ""
    title: str = ""
    birthday: str | None = None  # "YYYY-MM-DD" or "--MM-DD"
    nickname: str = ""
    note: str = ""
    photo: str | None = None  # "png" or "jpeg"
    fmt: str = "3.0"  # vCard version its phone exports
    tie: str | None = None
    cadence: int | None = None
    how_met: str = ""
    met_on: str | None = None
    met_place: str = ""
    met_context: str | None = None
    introduced_by: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # organization key -> role
    since: dict[str, str] = field(default_factory=dict)  # organization key -> date
    story: str = ""  # which advisor example this person carries (for the journal)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.lower() if c.isalnum() or c in "-.")


class Numbers:
    """Fictional phone numbers: ARCEP's ranges kept for fiction, Ofcom's drama range."""

    def __init__(self) -> None:
        self.mobile = 1000
        self.landline = 2000
        self.uk = 100

    def fr_mobile(self) -> str:
        self.mobile += 7
        return f"+3363998{self.mobile % 10000:04d}"

    def fr_landline(self) -> str:
        self.landline += 3
        return f"+3346571{self.landline % 10000:04d}"

    def uk_mobile(self) -> str:
        self.uk += 1
        return f"+447700900{self.uk:03d}"


def story_people(numbers: Numbers) -> list[Person]:
    """The people the demo's stories rest on, written by hand."""
    parents_line = numbers.fr_landline()
    roux_line = numbers.fr_landline()
    lambert_line = numbers.fr_landline()
    garnier_line = numbers.fr_landline()
    fam = dict(groups=[], contexts=["family"], categories=["Family"])
    people = [
        # Family: parents share the landline; the father has no e-mail.
        Person("Bernard", "Durand", phones=[("home", parents_line)], fmt="2.1",
               birthday="1953-04-17", tie="close", cadence=14, **fam,
               note="Papa. Retired railway engineer, grows tomatoes."),
        Person("Françoise", "Durand", phones=[("home", parents_line),
                                              ("cell", numbers.fr_mobile())],
               emails=[("home", "francoise.durand53@example.net")], fmt="2.1",
               birthday=f"1955-{days(6):%m-%d}", tie="close", cadence=14, photo="jpeg", **fam,
               note="Maman."),
        Person("Julien", "Durand", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "julien.durand@example.com")], birthday="1983-07-09",
               tie="close", cadence=21, photo="png", story="close_tie", **fam,
               note="Big brother. Works at the SNCF in Grenoble."),
        Person("Aurélie", "Durand-Petit", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "aurelie.petit@example.com")], birthday="1985-02-21",
               cadence=45, **fam, note="Julien's wife; paediatric nurse."),
        Person("Léa", "Durand", phones=[("cell", numbers.fr_mobile())],
               birthday="2012-05-30", cadence=60, **fam, note="Niece, 14, plays the cello."),
        Person("Hugo", "Durand", birthday="2016-10-02", cadence=90, **fam, note="Nephew."),
        Person("Émilie", "Durand", lang="fr", phones=[("cell", numbers.uk_mobile())],
               emails=[("home", "emilie.durand@example.co.uk")], birthday="1990-12-19",
               tie="close", cadence=21, photo="png", **fam,
               note="Little sister, lives in London (Hackney)."),
        Person("Oliver", "Bennett", lang="en", phones=[("cell", numbers.uk_mobile())],
               emails=[("home", "oliver.bennett@example.co.uk")], cadence=90, **fam,
               note="Émilie's partner. Architect."),
        Person("Geneviève", "Lefèvre", phones=[("home", numbers.fr_landline())], fmt="2.1",
               birthday="1931-09-12", tie="close", cadence=21, **fam,
               note="Mamie. Landline only; call on Sunday mornings."),
        Person("Martine", "Roux", phones=[("home", roux_line), ("cell", numbers.fr_mobile())],
               emails=[("home", "martine.roux@example.net")], fmt="2.1", cadence=120, **fam,
               note="Aunt (Maman's sister)."),
        Person("Gérard", "Roux", phones=[("home", roux_line)], fmt="2.1", cadence=180, **fam,
               note="Uncle."),
        Person("Thomas", "Roux", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "thomas.roux@example.com")], cadence=60, story="stale_family",
               **fam, note="Cousin; we were inseparable as kids."),
        Person("Mathilde", "Roux", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "mathilde.roux@example.org")], cadence=120, **fam,
               org="Hospices Civils de Lyon", title="Pharmacist"),
        Person("Nicolas", "Garnier", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "nicolas.garnier@example.com")], birthday="1984-01-28",
               tie="close", cadence=7, photo="png", fmt="4.0", groups=[],
               contexts=["family"], categories=["Family"], nickname="Nico",
               note="My partner."),
        Person("Michel", "Garnier", phones=[("home", garnier_line)], fmt="2.1", cadence=60,
               **fam, note="Nicolas's father."),
        Person("Odile", "Garnier", phones=[("home", garnier_line),
                                           ("cell", numbers.fr_mobile())],
               emails=[("home", "odile.garnier@example.net")], fmt="2.1", cadence=60, **fam,
               note="Nicolas's mother. Makes the best tarte tatin."),
        Person("Pauline", "Garnier", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "pauline.garnier@example.com")], birthday="--12-04",
               cadence=60, fmt="4.0", **fam, note="Nicolas's sister."),
        # Friends
        Person("Sophie", "Lambert", phones=[("home", lambert_line),
                                            ("cell", numbers.fr_mobile())],
               emails=[("home", "sophie.lambert@example.com")], contexts=["friends"],
               categories=["Friends"], birthday=f"1986-{days(10):%m-%d}", tie="close",
               photo="jpeg", how_met="Flatmates in Grenoble during our master's",
               met_on="2007-09-15", met_place="Grenoble"),
        Person("Marc", "Lambert", phones=[("home", lambert_line),
                                          ("cell", numbers.fr_mobile())],
               emails=[("home", "marc.lambert@example.com")], contexts=["friends"],
               categories=["Friends"], introduced_by="Sophie Lambert",
               how_met="Sophie's husband"),
        Person("Hélène", "Marchand", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "helene.marchand@example.org")], contexts=["friends"],
               categories=["Friends"], tie="regular", story="stale",
               how_met="University, same engineering class", met_on="2004-09-06",
               met_place="INSA Lyon", note="Moved to Annecy; we always promise to meet."),
        Person("Sarah", "Clarke", lang="en", phones=[("cell", numbers.uk_mobile())],
               emails=[("home", "sarah.clarke@example.co.uk")], contexts=["friends"],
               categories=["Friends"], how_met="Erasmus year in Manchester",
               met_on="2006-10-02", met_place="Manchester"),
        # Work (current)
        Person("Maxime", "Carré", phones=[("work", numbers.fr_mobile())],
               emails=[("work", "maxime.carre@lumiere-conseil.example")], groups=["lumiere"],
               contexts=["work"], categories=["Work"], org="Lumière Conseil",
               title="Data analyst", birthday=f"1992-{days(3):%m-%d}", fmt="4.0"),
        Person("Isabelle", "Fournier", phones=[("work", numbers.fr_mobile())],
               emails=[("work", "isabelle.fournier@lumiere-conseil.example")],
               groups=["lumiere"], contexts=["work"], categories=["Work"],
               org="Lumière Conseil", title="Managing partner", fmt="4.0", photo="png"),
        # Former colleagues: one helped recently and is owed help back.
        Person("Stéphane", "Aubert", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "stephane.aubert@example.net")], groups=["vernier"],
               contexts=["work"], categories=["Work", "Vernier"], org="Grenoble-Alpes Métropole",
               title="Head of energy planning", fmt="2.1", story="owed",
               how_met="Shared an office at Vernier", met_on="2015-01-05"),
        Person("Amélie", "Girard", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "amelie.girard@example.com")], groups=["vernier"],
               contexts=["work"], categories=["Work", "Vernier"], org="Enedis",
               title="Grid planning manager", story="imbalance",
               how_met="My first team lead at Vernier", met_on="2014-09-01"),
        Person("Priya", "Raman", lang="en", phones=[("work", numbers.uk_mobile())],
               emails=[("work", "priya.raman@northwind-energy.example")], groups=["vernier"],
               contexts=["work"], categories=["Work"], org="Northwind Energy",
               title="Sustainability director", fmt="4.0",
               how_met="Client at Vernier (Manchester office project)"),
        # Associations
        Person("Olivier", "Mercier", phones=[("cell", numbers.fr_mobile())],
               emails=[("work", "olivier.mercier@acte-energie.example")], groups=["acte"],
               contexts=["association"], categories=["Association"], org="Mercier Énergie",
               title="Founder", roles={"acte": "President"}, story="pending_ask"),
        Person("Ingrid", "Vasseur", phones=[("cell", numbers.fr_mobile())],
               emails=[("work", "ingrid.vasseur@datalyon.example")], groups=["slsd"],
               contexts=["association"], categories=["Association"], org="DataLyon",
               title="Head of data", story="newcomer", fmt="4.0",
               how_met="SLSD kick-off evening", met_on=days(-49).isoformat(),
               met_place="La Cordée Perrache", met_context="association"),
        Person("Bertrand", "Lacroix", phones=[("work", numbers.fr_landline())],
               emails=[("work", "b.lacroix@metropole-lyon.example")], contexts=["work"],
               categories=["Work"], org="Métropole de Lyon", title="Procurement officer",
               story="no_rapport", fmt="4.0", how_met="Tender briefing at the Métropole",
               met_on=days(-95).isoformat()),
        # Lunch group: only ever in touch to ask.
        Person("Jérôme", "Picard", phones=[("cell", numbers.fr_mobile())],
               emails=[("work", "jerome.picard@picard-avocats.example")], groups=["dejeuners"],
               contexts=[], categories=["Déjeuners du jeudi"], org="Picard Avocats",
               title="Business lawyer", story="only_when_needed"),
        # Tennis: met once at a tournament, never since.
        Person("Rémi", "Fontaine", phones=[("cell", numbers.fr_mobile())], groups=["tennis"],
               contexts=["club"], categories=["Club"], story="faded",
               how_met="Played a doubles match together at the autumn tournament",
               met_on=days(-70).isoformat(), met_place="Tennis Club de la Croix-Rousse",
               met_context="club"),
        Person("Fiona", "MacLeod", lang="en", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "fiona.macleod@example.com")], groups=["tennis"],
               contexts=["club"], categories=["Club"], birthday=f"1979-{days(13):%m-%d}",
               roles={"tennis": "Team captain"}, photo="jpeg"),
        # The gym: met five days ago, not followed up yet.
        Person("Karim", "Benali", phones=[("cell", numbers.fr_mobile())], groups=["gym"],
               contexts=["sport"], categories=["Sport"], story="gym_recent",
               how_met="Chatted at the gym between two sets", met_on=days(-5).isoformat(),
               met_place="FitClub Part-Dieu", met_context="sport",
               note="Launching a cargo-bike delivery start-up."),
        Person("Zoé", "Lemaire", phones=[("cell", numbers.fr_mobile())], groups=["gym"],
               contexts=["sport"], categories=["Sport"], story="gym_followed",
               how_met="Same Saturday spinning class", met_on=days(-12).isoformat(),
               met_place="FitClub Part-Dieu", met_context="sport"),
        # Charity: lent her van, not returned yet.
        Person("Gaëlle", "Kerjean", phones=[("cell", numbers.fr_mobile())],
               emails=[("home", "gaelle.kerjean@example.org")], groups=["panier"],
               contexts=["charity"], categories=["Charity"], roles={"panier": "Coordinator"},
               story="owed_charity"),
    ]
    return people


# Per group: how many filler people, their contexts, CATEGORIES, vCard format mix,
# who has e-mail, and the org/title they carry.
FILLER = {
    "family": dict(count=8, contexts=["family"], categories=["Family"], fmts=("2.1", "3.0"),
                   email=0.5, en=0.0),
    "friends": dict(count=31, contexts=["friends"], categories=["Friends"],
                    fmts=("3.0", "3.0", "2.1", "4.0"), email=0.8, en=0.2),
    "tennis": dict(count=43, contexts=["club"], categories=["Club"], fmts=("3.0", "3.0", "4.0"),
                   email=0.7, en=0.1),
    "acte": dict(count=34, contexts=["association"], categories=["Association"],
                 fmts=("4.0", "3.0"), email=1.0, en=0.05),
    "slsd": dict(count=21, contexts=["association"], categories=["Association"],
                 fmts=("4.0", "3.0"), email=0.9, en=0.15),
    "panier": dict(count=29, contexts=["charity"], categories=["Charity"],
                   fmts=("3.0", "2.1"), email=0.6, en=0.05),
    "dejeuners": dict(count=19, contexts=[], categories=["Déjeuners du jeudi"],
                      fmts=("3.0", "4.0"), email=1.0, en=0.1),
    "gym": dict(count=17, contexts=["sport"], categories=["Sport"], fmts=("3.0",), email=0.2,
                en=0.1),
    "lumiere": dict(count=43, contexts=["work"], categories=["Work"], fmts=("4.0", "3.0"),
                    email=1.0, en=0.15),
    "vernier": dict(count=27, contexts=["work"], categories=["Work", "Vernier"],
                    fmts=("2.1", "3.0"), email=0.85, en=0.1),
    "neighbours": dict(count=11, contexts=["neighbourhood"], categories=["Neighbourhood"],
                       fmts=("3.0", "2.1"), email=0.3, en=0.0),
    "other": dict(count=9, contexts=[], categories=[], fmts=("3.0",), email=0.5, en=0.0),
}

COMPANIES = ["EDF", "Engie", "Schneider Electric", "Enedis", "Keolis", "Sanofi", "Boiron",
             "Groupe SEB", "Biomérieux", "CNR", "Atos", "Solvay", "Babolat", "Aldes",
             "Université Lyon 1", "Ville de Villeurbanne", "Crédit Mutuel", "Hiflow",
             "Mérieux NutriSciences", "Coopérative Enercoop"]
TITLES = ["Project manager", "Engineer", "Consultant", "Data scientist", "Head of operations",
          "Sales director", "Architect", "Accountant", "Product owner", "Researcher",
          "Energy manager", "HR business partner", "CFO", "Teacher", "Developer"]
LUMIERE_TITLES = ["Consultant", "Senior consultant", "Analyst", "Project director",
                  "Office manager", "Partner", "Data engineer", "Junior consultant",
                  "Business developer", "Thermal engineer"]
ROLES = {
    "tennis": ["Member", "Member", "Member", "Coach", "Treasurer", "Member"],
    "acte": ["Member", "Member", "Member", "Treasurer", "Secretary", "Member"],
    "slsd": ["Member", "Member", "Speaker", "Organiser"],
    "panier": ["Volunteer", "Volunteer", "Volunteer", "Driver", "Stock manager"],
    "dejeuners": ["Member", "Member", "Founder"],
    "gym": ["Member", "Coach"],
}
OTHER_PEOPLE = [
    ("Dr", "Family doctor", "Cabinet médical Croix-Rousse"),
    ("", "Accountant", "Cabinet Moreau & Associés"),
    ("", "Plumber", "Plomberie Lyonnaise"),
    ("", "Hugo's music teacher", "Conservatoire de Grenoble"),
    ("", "Landlord", ""),
    ("", "Bike mechanic", "Atelier du Vélo"),
    ("", "Osteopath", ""),
    ("", "Insurance adviser", "MAIF"),
    ("", "Notary", "Étude Vidal"),
]


def filler_people(rng: random.Random, numbers: Numbers, taken: set[str]) -> list[Person]:
    people: list[Person] = []
    for group, spec in FILLER.items():
        for index in range(spec["count"]):
            person = _draw(rng, numbers, taken, group, spec, index)
            people.append(person)
    return people


def _draw(rng, numbers, taken, group, spec, index) -> Person:
    english = rng.random() < spec["en"]
    while True:
        woman = rng.random() < 0.5
        if english:
            given = rng.choice(ENGLISH_WOMEN if woman else ENGLISH_MEN)
            family = rng.choice(ENGLISH_FAMILY)
        else:
            given = rng.choice(FRENCH_WOMEN if woman else FRENCH_MEN)
            family = rng.choice(FRENCH_FAMILY)
        if group == "family":
            family = rng.choice(["Durand", "Lefèvre", "Roux", "Garnier", "Petit"])
        if f"{given} {family}" not in taken:
            break
    taken.add(f"{given} {family}")
    person = Person(given, family, lang="en" if english else "fr",
                    groups=[group] if group in ORGANIZATIONS else [],
                    contexts=list(spec["contexts"]), categories=list(spec["categories"]),
                    fmt=rng.choice(spec["fmts"]))
    mobile = numbers.uk_mobile() if english and rng.random() < 0.5 else numbers.fr_mobile()
    person.phones.append(("cell", mobile))
    if rng.random() < spec["email"]:
        person.emails.append(_email(rng, person, group))
    if group in ("lumiere",):
        person.org, person.title = "Lumière Conseil", rng.choice(LUMIERE_TITLES)
    elif group in ("acte", "slsd", "dejeuners", "vernier") or rng.random() < 0.3:
        person.org, person.title = rng.choice(COMPANIES), rng.choice(TITLES)
    if group in ROLES:
        role = rng.choice(ROLES[group])
        if role != "Member" and role != "Volunteer":
            person.roles[group] = role
        start = ORGANIZATIONS[group][2]
        if rng.random() < 0.5 and group != "slsd":
            joined = dt.date.fromisoformat(start) + dt.timedelta(days=rng.randint(0, 600))
            if joined < ANCHOR:
                person.since[group] = joined.isoformat()
    if group == "other":
        prefix, title, org = OTHER_PEOPLE[index % len(OTHER_PEOPLE)]
        person.title, person.org = title, org
        if prefix:
            person.note = "Appointments on Doctolib."
    if group == "neighbours" or rng.random() < 0.15:
        street = rng.choice(STREETS)
        city, postcode = rng.choice(CITIES[:4] if group == "neighbours" else CITIES)
        person.address = (f"{rng.randint(1, 120)} {street}", city, postcode)
    if rng.random() < 0.25:
        year = rng.randint(1950, 2000)
        birthday = ANCHOR + dt.timedelta(days=rng.randint(20, 340))
        person.birthday = (f"--{birthday:%m-%d}" if rng.random() < 0.2
                           else f"{year}-{birthday:%m-%d}")
    if group == "family":
        person.cadence = rng.choice([60, 90, 120, 180])
    elif group not in ("friends", "other"):
        # Most people in a group are seen at its events: once or twice a year is enough.
        person.cadence = rng.choice([180, 365, 365, 365, 365, None])
    if rng.random() < 0.6:
        _how_met(rng, person, group)
    return person


# group -> (how we met, place, context) for people met through the user's groups
HOW_MET = {
    "tennis": ("Club evenings", "Tennis Club de la Croix-Rousse", "club"),
    "acte": ("An ACTE afterwork", "Le Comptoir de la Bourse", "association"),
    "slsd": ("SLSD welcome evening", "La Cordée Perrache", "association"),
    "panier": ("Saturday distributions at the food bank", "Le Panier Solidaire", "charity"),
    "dejeuners": ("A Thursday lunch", "Brasserie Georges", None),
    "gym": ("At the gym", "FitClub Part-Dieu", "sport"),
    "lumiere": ("Colleague at Lumière Conseil", "Lumière Conseil", "work"),
    "vernier": ("Colleague at Vernier Ingénierie", "Vernier Ingénierie, Grenoble", "work"),
    "neighbours": ("Neighbour in the building", "", "neighbourhood"),
}
FRIEND_STORIES = [
    ("Through Sophie and Marc, at their wedding", "Annecy", "Sophie Lambert"),
    ("Sophie's colleague, met at her birthday party", "Lyon", "Sophie Lambert"),
    ("Sarah's friend from Manchester", "Manchester", "Sarah Clarke"),
    ("Engineering school, INSA Lyon", "Villeurbanne", None),
    ("Choir in Grenoble", "Grenoble", None),
    ("Hiking weekend in the Vercors", "Villard-de-Lans", None),
]


def _how_met(rng: random.Random, person: Person, group: str) -> None:
    if group == "friends":
        text, place, introducer = rng.choice(FRIEND_STORIES)
        person.how_met, person.met_place, person.introduced_by = text, place, introducer
        person.met_on = f"{rng.randint(2004, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        person.met_context = "friends"
        return
    if group not in HOW_MET:
        return
    person.how_met, person.met_place, person.met_context = HOW_MET[group]
    if group in person.since:
        person.met_on = person.since[group]
    elif group == "slsd":
        person.met_on = days(-49).isoformat()
    elif group in ORGANIZATIONS:
        start = dt.date.fromisoformat(ORGANIZATIONS[group][2])
        end = dt.date.fromisoformat(ORGANIZATIONS[group][3] or ANCHOR.isoformat())
        person.met_on = (start + dt.timedelta(days=rng.randint(0, (end - start).days))
                         ).isoformat()
    if group == "acte" and rng.random() < 0.3:
        person.introduced_by = "Olivier Mercier"


def _email(rng, person: Person, group: str) -> tuple[str, str]:
    local = f"{ascii_fold(person.given)}.{ascii_fold(person.family)}".replace("'", "")
    domains = {
        "lumiere": "lumiere-conseil.example",
        "acte": rng.choice(["example.com", "example.net", "acte-energie.example"]),
        "slsd": rng.choice(["example.com", "datalyon.example", "univ-lyon.example"]),
        "dejeuners": rng.choice(["example.com", "example.net", "cabinet-conseil.example"]),
    }
    domain = domains.get(group) or rng.choice(["example.com", "example.net", "example.org"])
    label = "work" if group in ("lumiere", "acte", "slsd", "dejeuners") else "home"
    if rng.random() < 0.2 and label == "home":
        local = f"{ascii_fold(person.given)[:1]}{ascii_fold(person.family)}{rng.randint(1, 99)}"
    return label, f"{local}@{domain}"


def everyone(seed: int = 2026) -> list[Person]:
    rng = random.Random(seed)
    numbers = Numbers()
    people = story_people(numbers)
    taken = {p.name for p in people}
    people += filler_people(rng, numbers, taken)
    seen: set[str] = set()
    for person in people:  # e-mail addresses are unique
        kept = []
        for label, address in person.emails:
            if address not in seen:
                seen.add(address)
                kept.append((label, address))
        person.emails = kept
    return people
