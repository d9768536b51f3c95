"""The demo calendar: a year of meetings, coffees, lunches, club evenings,
volunteer days and family visits, written as a calendar app exports it
(Europe/Paris VTIMEZONE, ORGANIZER = the user, ATTENDEE e-mails of the people).

Recurring series carry the cases the importer must get right: the weekly club
evening has EXDATEs, one occurrence moved by a RECURRENCE-ID override and one
cancelled; the padel course is eight weeks with one EXDATE (seven evenings).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from seedgen_cards import CRLF, escape, fold
from seedgen_people import ANCHOR, MY_EMAILS, MY_NAME, Person, days

PARIS = "Europe/Paris"
LONDON = "Europe/London"

VTIMEZONES = {
    PARIS: ("CET", "CEST", "+0100", "+0200"),
    LONDON: ("GMT", "BST", "+0000", "+0100"),
}

# People whose story needs a precise history: no random calendar events for them.
RESERVED = {"Hélène Marchand", "Thomas Roux", "Jérôme Picard", "Bertrand Lacroix",
            "Ingrid Vasseur", "Stéphane Aubert", "Amélie Girard", "Rémi Fontaine",
            "Karim Benali", "Zoé Lemaire", "Gaëlle Kerjean"}


@dataclass
class Event:
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    attendees: list[Person] = field(default_factory=list)
    tz: str | None = PARIS  # None: floating; "UTC": written with Z
    location: str = ""
    description: str = ""
    rrule: str = ""
    exdates: list[dt.datetime] = field(default_factory=list)
    recurrence_id: dt.datetime | None = None
    status: str = "CONFIRMED"
    uid: str = ""


def _stamp(value: dt.datetime | dt.date, tz: str | None) -> tuple[str, str]:
    """(parameters, value) for a DTSTART-like property."""
    if not isinstance(value, dt.datetime):
        return ";VALUE=DATE", f"{value:%Y%m%d}"
    if tz == "UTC":
        return "", f"{value:%Y%m%dT%H%M%S}Z"
    if tz is None:
        return "", f"{value:%Y%m%dT%H%M%S}"
    return f";TZID={tz}", f"{value:%Y%m%dT%H%M%S}"


def _vtimezone(tz: str) -> list[str]:
    std, dst, std_off, dst_off = VTIMEZONES[tz]
    return ["BEGIN:VTIMEZONE", f"TZID:{tz}", f"X-LIC-LOCATION:{tz}",
            "BEGIN:DAYLIGHT", f"TZOFFSETFROM:{std_off}", f"TZOFFSETTO:{dst_off}",
            f"TZNAME:{dst}", "DTSTART:19700329T010000" if tz == LONDON else
            "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD", f"TZOFFSETFROM:{dst_off}", f"TZOFFSETTO:{std_off}",
            f"TZNAME:{std}", "DTSTART:19701025T020000" if tz == LONDON else
            "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD", "END:VTIMEZONE"]


def _vevent(event: Event, rng: random.Random) -> list[str]:
    start_params, start_value = _stamp(event.start, event.tz)
    end_params, end_value = _stamp(event.end, event.tz)
    created = ANCHOR - dt.timedelta(days=400)
    lines = ["BEGIN:VEVENT", f"DTSTART{start_params}:{start_value}",
             f"DTEND{end_params}:{end_value}", "DTSTAMP:20261126T070000Z",
             f"ORGANIZER;CN={MY_NAME}:mailto:{MY_EMAILS[0]}", f"UID:{event.uid}"]
    if event.recurrence_id is not None:
        params, value = _stamp(event.recurrence_id, event.tz)
        lines.append(f"RECURRENCE-ID{params}:{value}")
    if event.rrule:
        lines.append(f"RRULE:{event.rrule}")
    for exdate in event.exdates:
        params, value = _stamp(exdate, event.tz)
        lines.append(f"EXDATE{params}:{value}")
    for person in event.attendees:
        partstat = "ACCEPTED" if rng.random() < 0.85 else "TENTATIVE"
        lines.append(f'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};'
                     f'CN="{person.name}";X-NUM-GUESTS=0:mailto:{person.emails[0][1]}')
    lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                 f"CN={MY_NAME}:mailto:{MY_EMAILS[0]}")
    lines += [f"CREATED:{created:%Y%m%d}T090000Z", f"LAST-MODIFIED:{created:%Y%m%d}T090000Z"]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    lines += ["SEQUENCE:0" if event.recurrence_id is None else "SEQUENCE:1",
              f"STATUS:{event.status}", f"SUMMARY:{escape(event.summary)}",
              "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def write_calendar(events: list[Event], rng: random.Random) -> str:
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{MY_NAME}", f"X-WR-TIMEZONE:{PARIS}"]
    lines += _vtimezone(PARIS) + _vtimezone(LONDON)
    for index, event in enumerate(events):
        if not event.uid:
            event.uid = f"{uuid.UUID(int=rng.getrandbits(128), version=4).hex}@google.com"
        lines += _vevent(event, rng)
        if index == 40:  # a to-do among the events, as Apple calendars export them
            lines += ["BEGIN:VTODO", "DTSTAMP:20261126T070000Z",
                      "UID:renew-acte-membership@entregent.example",
                      "SUMMARY:Renouveler l'adhésion ACTE", f"DUE;VALUE=DATE:{days(20):%Y%m%d}",
                      "STATUS:NEEDS-ACTION", "END:VTODO"]
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF


# ---------------------------------------------------------------- the year

def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def _first_weekday(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def build_events(people: list[Person], rng: random.Random) -> list[Event]:
    by_name = {p.name: p for p in people}

    def members(group: str, count: int, offset: int = 0) -> list[Person]:
        found = [p for p in people if group in p.groups and p.emails and p.name not in RESERVED]
        return found[offset:offset + count]

    events: list[Event] = []
    year_start = ANCHOR - dt.timedelta(days=360)

    # Tennis club evenings: weekly on Tuesdays, club closed at Christmas and in August,
    # one evening moved to the Wednesday (courts resurfaced), one cancelled (storm).
    first_tuesday = _first_weekday(year_start, 1)
    club = members("tennis", 7)
    series = Event("Soirée du club – doubles", at(first_tuesday, 19), at(first_tuesday, 21, 30),
                   attendees=club, location="Tennis Club de la Croix-Rousse, court 3",
                   description="Doubles tournant, puis verre au club-house.",
                   rrule="FREQ=WEEKLY;BYDAY=TU", uid="club-evenings-2025@tc-croix-rousse.example")
    tuesdays = [first_tuesday + dt.timedelta(weeks=n) for n in range(60)]
    series.exdates = [at(d, 19) for d in tuesdays
                      if (d.month == 12 and d.day >= 22) or (d.month == 8 and d.day <= 18)]
    events.append(series)
    moved_from = tuesdays[24]
    events.append(Event("Soirée du club – doubles (décalée au mercredi)",
                        at(moved_from + dt.timedelta(days=1), 19),
                        at(moved_from + dt.timedelta(days=1), 21, 30), attendees=club,
                        location="Tennis Club de la Croix-Rousse, court 1",
                        description="Courts 3 et 4 en travaux: on joue le mercredi.",
                        recurrence_id=at(moved_from, 19), uid=series.uid))
    cancelled = tuesdays[10]
    events.append(Event("Soirée du club – doubles", at(cancelled, 19), at(cancelled, 21, 30),
                        attendees=club, location="Tennis Club de la Croix-Rousse, court 3",
                        recurrence_id=at(cancelled, 19), status="CANCELLED", uid=series.uid))

    # A padel course: eight Saturday mornings, one skipped (Easter weekend): seven sessions.
    padel_start = _first_weekday(ANCHOR - dt.timedelta(days=250), 5)
    events.append(Event("Cours d'initiation au padel", at(padel_start, 10), at(padel_start, 11, 30),
                        attendees=members("tennis", 3, offset=7),
                        location="Tennis Club de la Croix-Rousse, padel", rrule="FREQ=WEEKLY;COUNT=8",
                        exdates=[at(padel_start + dt.timedelta(weeks=3), 10)],
                        uid="padel-course-spring@tc-croix-rousse.example"))

    # The business-lunch group: first Thursday of the month.
    first_thursday = _first_weekday(year_start, 3)
    events.append(Event("Déjeuner du jeudi – Les Déjeuners du Jeudi", at(first_thursday, 12, 15),
                        at(first_thursday, 14), attendees=members("dejeuners", 8),
                        location="Brasserie Georges, 30 cours de Verdun",
                        rrule="FREQ=MONTHLY;BYDAY=1TH", uid="dejeuners-jeudi@example.com",
                        exdates=[at(d, 12, 15) for d in _monthly_first(year_start, 3)
                                 if d.month == 8]))

    # Food bank: every other Saturday morning, a summer break.
    first_saturday = _first_weekday(year_start, 5)
    events.append(Event("Bénévolat – distribution alimentaire", at(first_saturday, 9),
                        at(first_saturday, 12, 30), attendees=members("panier", 6),
                        location="Le Panier Solidaire, 14 rue Pierre Dupont",
                        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", uid="panier-samedi@example.org",
                        exdates=[at(first_saturday + dt.timedelta(weeks=n), 9)
                                 for n in range(0, 60, 2)
                                 if (first_saturday + dt.timedelta(weeks=n)).month == 8]))

    # Work: the Monday team meeting and the monthly steering committee.
    first_monday = _first_weekday(year_start, 0)
    mondays = [first_monday + dt.timedelta(weeks=n) for n in range(52)]
    events.append(Event("Réunion d'équipe", at(first_monday, 9, 30), at(first_monday, 10, 30),
                        attendees=[by_name["Isabelle Fournier"], by_name["Maxime Carré"]]
                        + members("lumiere", 6),
                        location="Lumière Conseil – salle Ampère", rrule="FREQ=WEEKLY;BYDAY=MO",
                        uid="team-weekly@lumiere-conseil.example",
                        exdates=[at(d, 9, 30) for d in mondays
                                 if (d.month == 12 and d.day >= 22) or d.month == 8]))
    events.append(Event("Comité de pilotage – plan climat", at(first_monday + dt.timedelta(days=2), 14),
                        at(first_monday + dt.timedelta(days=2), 16),
                        attendees=[by_name["Isabelle Fournier"]] + members("lumiere", 3, offset=6),
                        location="Visio", rrule="FREQ=MONTHLY;BYDAY=2WE",
                        uid="copil-plan-climat@lumiere-conseil.example"))

    # ACTE: monthly afterwork and quarterly board meetings, the annual congress.
    acte = members("acte", 12)
    first_wednesday = _first_weekday(year_start, 2)
    events.append(Event("Afterwork ACTE – apéro réseau", at(first_wednesday + dt.timedelta(weeks=2), 18, 30),
                        at(first_wednesday + dt.timedelta(weeks=2), 21),
                        attendees=[by_name["Olivier Mercier"]] + acte[:5],
                        location="Le Comptoir de la Bourse", rrule="FREQ=MONTHLY;BYDAY=3WE",
                        uid="acte-afterwork@acte-energie.example"))
    for n, offset in enumerate((-330, -240, -150, -60, 14)):
        day = _first_weekday(days(offset), 1)
        events.append(Event("Réunion du bureau ACTE", at(day, 18), at(day, 20),
                            attendees=[by_name["Olivier Mercier"]] + acte[5:9],
                            location="Maison des associations, salle 2",
                            description=f"Ordre du jour: programme T{n % 4 + 1}, budget; adhésions"))
    congress = _first_weekday(days(-180), 3)
    events.append(Event("Congrès annuel ACTE", congress, congress + dt.timedelta(days=2),
                        attendees=[by_name["Olivier Mercier"]] + acte + members("acte", 6, 12),
                        location="Centre de congrès de Lyon"))

    # SLSD, the data-science society joined seven weeks ago.
    slsd = members("slsd", 8)
    events.append(Event("Accueil des nouveaux membres SLSD", at(days(-49), 18, 30), at(days(-49), 21),
                        attendees=[by_name["Ingrid Vasseur"]] + slsd[:5],
                        location="La Cordée Perrache", description="Accueil des nouveaux membres"))
    events.append(Event("Meetup SLSD – LLM en production", at(days(-14), 19), at(days(-14), 21),
                        attendees=[by_name["Ingrid Vasseur"]] + slsd[3:8],
                        location="Campus Région du numérique"))

    # The tender with the Métropole: formal meetings only.
    lacroix = by_name["Bertrand Lacroix"]
    events.append(Event("Réunion de lancement – consultation rénovation des écoles", at(days(-95), 10),
                        at(days(-95), 11, 30), attendees=[lacroix, by_name["Isabelle Fournier"]],
                        location="Métropole de Lyon, 20 rue du Lac"))
    events.append(Event("Réunion – questions sur le cahier des charges", at(days(-30), 15),
                        at(days(-30), 16), attendees=[lacroix], location="Visio"))

    # Story people: the last time we saw each other.
    events.append(Event("Café avec Hélène", at(days(-210), 10), at(days(-210), 11),
                        attendees=[by_name["Hélène Marchand"]], location="Café Mokxa"))
    events.append(Event("Déjeuner avec Thomas", at(days(-160), 12, 30), at(days(-160), 14),
                        attendees=[by_name["Thomas Roux"]], location="Le Bouchon des Filles"))
    events.append(Event("Déjeuner avec Stéphane – souvenirs de Vernier", at(days(-200), 12, 15),
                        at(days(-200), 13, 45), attendees=[by_name["Stéphane Aubert"]],
                        location="Grenoble, La Ferme à Dédé"))
    events.append(Event("Coffee with Amélie", at(days(-250), 8, 30), at(days(-250), 9, 15),
                        attendees=[by_name["Amélie Girard"]], location="Slake Coffee House"))

    # Family: Sunday lunches, Christmas, a London weekend, birthdays.
    family = [p for p in people if "family" in p.contexts and p.emails and p.name not in RESERVED]
    for offset in range(-350, 0, 38):
        day = _first_weekday(days(offset), 6)
        guests = [p for p in family if p.family in ("Durand", "Durand-Petit")]
        events.append(Event("Déjeuner dominical chez Papa et Maman", at(day, 12, 30),
                            at(day, 16), attendees=guests[:rng.randint(2, len(guests))],
                            location="Chez les parents, Vienne"))
    christmas = dt.date(ANCHOR.year - 1, 12, 24)
    events.append(Event("Fête de Noël en famille", christmas, christmas + dt.timedelta(days=2),
                        attendees=family, location="Vienne"))
    events.append(Event("Fête de Noël en famille", christmas.replace(year=ANCHOR.year),
                        christmas.replace(year=ANCHOR.year) + dt.timedelta(days=2),
                        attendees=family, location="Vienne"))
    london = _first_weekday(days(-130), 5)
    events.append(Event("Week-end à Londres – anniversaire d'Oliver", london, london + dt.timedelta(days=2),
                        attendees=[by_name["Émilie Durand"], by_name["Oliver Bennett"]],
                        tz=PARIS, location="London"))
    events.append(Event("Dinner with Émilie and Oliver", at(london, 19, 30), at(london, 22),
                        attendees=[by_name["Émilie Durand"], by_name["Oliver Bennett"]],
                        tz=LONDON, location="Dishoom Shoreditch, London"))
    events.append(Event("Anniversaire de Léa", at(dt.date(ANCHOR.year, 5, 30), 16),
                        at(dt.date(ANCHOR.year, 5, 30), 19),
                        attendees=[by_name["Julien Durand"], by_name["Aurélie Durand-Petit"]],
                        location="Grenoble"))
    events.append(Event("Apéro chez Sophie et Marc", at(days(-160), 19), at(days(-160), 23),
                        attendees=[by_name["Sophie Lambert"], by_name["Marc Lambert"]],
                        tz=None, location="Chez Sophie et Marc"))
    events.append(Event("Call with Priya (Manchester)", at(days(-70), 15), at(days(-70), 15, 45),
                        attendees=[by_name["Priya Raman"]], tz="UTC", location="Teams"))

    # Everyday coffees, lunches and meetings with the rest of the network.
    pool = [p for p in people if p.emails and p.name not in RESERVED]
    templates = {
        "friends": [("Café avec {given}", 10, 60, "Café Mokxa"),
                    ("Dîner avec {given}", 20, 150, "Le Kitchen Café"),
                    ("Anniversaire de {given}", 19, 240, "Chez {given}")],
        "work": [("Déjeuner avec {given}", 12, 75, "Cantine du Confluent"),
                 ("Point projet avec {given}", 14, 60, "Lumière Conseil"),
                 ("Coffee with {given}", 9, 30, "Slake Coffee House")],
        "other": [("Café avec {given}", 9, 45, "Café Mokxa"),
                  ("Déjeuner avec {given}", 12, 90, "Les Halles Paul Bocuse"),
                  ("Meeting with {given}", 16, 60, "Lumière Conseil")],
    }
    for _ in range(150):
        person = rng.choice(pool)
        kind = ("friends" if "friends" in person.contexts
                else "work" if "work" in person.contexts else "other")
        if "family" in person.contexts:
            continue
        summary, hour, minutes, place = rng.choice(templates[kind])
        day = days(-rng.randint(2, 355))
        if day.weekday() >= 5 and kind == "work":
            day -= dt.timedelta(days=2)
        start = at(day, hour, rng.choice([0, 15, 30]))
        events.append(Event(summary.format(given=person.given), start,
                            start + dt.timedelta(minutes=minutes), attendees=[person],
                            location=place.format(given=person.given)))

    # Events with nobody in the address book: they come out as unmatched.
    events.append(Event("Dentiste", at(days(-40), 8, 30), at(days(-40), 9), location="Dr Morin"))
    events.append(Event("Contrôle technique voiture", at(days(-100), 11), at(days(-100), 12)))
    webinar = Event("Webinaire ADEME – décret tertiaire", at(days(-20), 11), at(days(-20), 12))
    events.append(webinar)
    return events


def _monthly_first(start: dt.date, weekday: int) -> list[dt.date]:
    result, month = [], dt.date(start.year, start.month, 1)
    for _ in range(14):
        result.append(_first_weekday(month, weekday))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return result
