"""Words the benchmark generator draws from: names with accents, places, notes.

Invented combinations from common first and family names of several languages,
so that sorting, folding and search meet the letters real address books hold.
"""

from __future__ import annotations

GIVEN_NAMES = (
    "Chloé", "Hélène", "Élodie", "Zoé", "Noémie", "Léa", "Inès", "Maëlle", "Anaïs", "Cécile",
    "Agnès", "Renée", "Béatrice", "Joséphine", "Thérèse", "Françoise", "Geneviève", "Mélanie",
    "Amélie", "Camille", "Claire", "Sophie", "Julie", "Marie", "Anne", "Lucie", "Emma", "Alice",
    "Margaux", "Manon", "Jade", "Louise", "Clémence", "Océane", "Solène", "Gaëlle", "Aurélie",
    "José", "André", "Jérôme", "Stéphane", "François", "Clément", "Frédéric", "Gérard",
    "Benoît", "Loïc", "Noël", "Raphaël", "Joël", "Anaël", "Théo", "Mathéo", "Hugo", "Lucas",
    "Louis", "Paul", "Jules", "Arthur", "Nathan", "Thomas", "Nicolas", "Julien", "Pierre",
    "Antoine", "Olivier", "Vincent", "Laurent", "Michel", "Philippe", "Yves", "Guy", "Rémi",
    "Ángel", "Álvaro", "Íñigo", "Begoña", "María", "Lucía", "Sofía", "Martín", "Joaquín",
    "Ramón", "Rubén", "Andrés", "Nuño", "Iñaki", "Mónica", "Verónica", "Raúl", "Jesús",
    "João", "Conceição", "Gonçalo", "Inês", "Sebastião", "Luís", "Vitória", "Fábio",
    "Jürgen", "Jörg", "Björn", "Günther", "Sören", "Käthe", "Jürgen", "Uwe", "Lukas", "Anja",
    "Søren", "Åsa", "Øystein", "Ingrid", "Sigrún", "Þóra", "Bjørn", "Märta", "Linnéa",
    "Łukasz", "Paweł", "Wojciech", "Małgorzata", "Żaneta", "Agnieszka", "Zbigniew", "Józef",
    "Dvořák", "Jiří", "Tomáš", "Markéta", "Radek", "Petr",
    "Zoë", "Chloë", "Ciarán", "Siobhán", "Aoife", "Seán", "Niamh", "Oisín", "Pádraig",
    "Çağla", "Gülşen", "Özgür", "Şebnem", "Ümit", "İlker", "Emre", "Elif",
    "Nguyễn", "Thảo", "Phương", "Đức", "Huệ", "Minh", "Lan", "Tuấn",
    "Κώστας", "Ελένη", "Νίκος", "Αννα", "Ирина", "Олег", "Наталья", "Дмитрий",
    "Aïcha", "Fatoumata", "Mamadou", "Youssef", "Yasmine", "Karim", "Leïla", "Nadia",
)

FAMILY_NAMES = (
    "Lefèvre", "Lefebvre", "Müller", "Dupré", "Gérard", "Mercier", "Bézier", "Bonnet", "Girard",
    "Fontaine", "de la Fontaine", "de Gaulle", "d'Artagnan", "Dubois", "Lévêque", "Bérubé",
    "Beauchêne", "Côté", "Gagné", "Pelletier", "Thériault", "Lemaître", "Rousseau", "Leroy",
    "Moreau", "Laurent", "Simon", "Michel", "Garnier", "Faure", "André", "Chevalier", "Robin",
    "Perrin", "Morel", "Blanc", "Guérin", "Boyer", "Roussel", "Noël", "Vasseur", "Brunet",
    "Benoît", "Lacroix", "Lambert", "Caron", "Giraud", "Masson", "Marchand", "Duval", "Denis",
    "Hébert", "Lefort", "Bérard", "Goué", "Hervé", "Pagès", "Frérot", "Crémieux", "Chrétien",
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Muñoz", "Álvarez", "Núñez", "Ibáñez", "Peña", "Castaño",
    "Gonçalves", "Simões", "Magalhães", "Conceição", "Araújo", "Guimarães", "Estêvão",
    "Schäfer", "Schröder", "Krüger", "Weiß", "Groß", "Böhm", "Köhler", "Jäger", "Vogel",
    "von Bülow", "von der Heide", "van Gogh", "van der Berg", "van den Bosch", "de Vries",
    "Ångström", "Öberg", "Sjöberg", "Lindqvist", "Østergaard", "Søndergaard", "Jónsdóttir",
    "Kowalski", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Łukasiewicz",
    "Dvořáková", "Novák", "Černý", "Procházka", "Kučera", "Veselý",
    "O'Brien", "Ó Súilleabháin", "MacGiolla", "Ní Bhriain", "Ó Briain", "Mac Cárthaigh",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın",
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi",
    "Παπαδόπουλος", "Γεωργίου", "Иванов", "Смирнова", "Кузнецов",
    "Diallo", "Traoré", "Benali", "El Amrani", "Haddad", "Mansour", "Ben Saïd",
)

NICKNAMES = ("Jo", "Lulu", "Mimi", "Bébert", "Pépé", "Coco", "Nono", "Titi", "Dédé", "Kiki")

ORGANISATIONS = (
    "Atelier Lumière", "Boulangerie Dupré", "Café des Écoles", "Cabinet Lévêque & Associés",
    "Société Générale", "Crédit Mutuel", "Mairie de Lyon", "Hôpital Édouard-Herriot",
    "Université Paris Cité", "Lycée Jean-Moulin", "Théâtre du Châtelet", "Les Éditions du Seuil",
    "Bäckerei Müller", "Stadtwerke München", "Telefónica", "Banco Santander", "Iberdrola",
    "Zürich Versicherung", "Nestlé", "Électricité de France", "Renault", "Michelin", "Airbus",
    "Ørsted", "Volvo", "Škoda", "Allegro", "Türk Telekom", "Vinamilk", "Médecins du Monde",
    "Restos du Cœur", "Croix-Rouge", "Emmaüs", "Freelance", "", "", "", "", "",
)

TITLES = ("", "", "", "Directrice", "Ingénieur", "Chargée de mission", "Médecin", "Avocate",
          "Professeur", "Comptable", "Développeuse", "Architecte", "Infirmier", "Journaliste",
          "Gérant", "Responsable RH", "Chef de projet", "Pâtissier", "Kinésithérapeute")

PLACES = ("Lyon", "Paris", "Montréal", "Genève", "Bruxelles", "Sevilla", "Málaga", "Porto",
          "München", "Köln", "Göteborg", "Kraków", "Brno", "Cork", "İzmir", "Hà Nội", "Dakar",
          "la salle de sport", "le club de voile", "la chorale", "le marché", "un mariage",
          "une conférence", "le café du coin", "l'école des enfants")

NOTE_WORDS = (
    "rencontré", "à", "la", "fête", "des", "voisins", "aime", "le", "vélo", "et", "la",
    "randonnée", "deux", "enfants", "passionnée", "de", "théâtre", "cherche", "un", "stage",
    "en", "été", "connaît", "bien", "le", "milieu", "associatif", "café", "crème", "chorale",
    "Noël", "élève", "naïf", "forêt", "garçon", "cœur", "où", "déjà", "très", "sympathique",
    "met", "at", "the", "gym", "loves", "sailing", "introduced", "me", "to", "her", "team",
    "knows", "everyone", "in", "the", "charity", "owes", "me", "a", "coffee",
)

SUMMARIES = ("Café", "Déjeuner", "Appel", "Réunion", "Apéro", "Balade", "Course à pied",
             "Dîner chez eux", "Visio", "Message", "Coffee", "Lunch", "Call", "Match de foot",
             "Répétition de la chorale", "Assemblée générale", "Bénévolat", "Anniversaire")

# kind -> register, channel, relative weight
INTERACTION_KINDS = (
    ("coffee", "social", "in_person", 14),
    ("meal", "social", "in_person", 10),
    ("sport", "social", "in_person", 6),
    ("party", "social", "in_person", 4),
    ("family_visit", "social", "in_person", 4),
    ("call", "professional", "phone", 14),
    ("message", "social", "message", 20),
    ("meeting", "professional", "in_person", 12),
    ("group_event", "group", "in_person", 6),
    ("volunteering", "group", "in_person", 3),
    ("introduction_made", "help_given", "message", 1),
    ("help_given", "help_given", "in_person", 3),
    ("help_received", "help_received", "in_person", 2),
    ("ask", "ask", "message", 2),
)

USER_CONTEXTS = (
    ("chorale", "club", "#9b59b6"), ("alumni", "work", "#34495e"),
    ("parents d'élèves", "neighbourhood", "#95a5a6"), ("running", "sport", "#e74c3c"),
    ("book club", "club", "#1abc9c"), ("Rotary", "association", "#f1c40f"),
)

GROUPS = (
    ("Chorale Sainte-Cécile", "club"), ("Rotary Club Lyon-Est", "association"),
    ("Déjeuners du jeudi", "lunch_group"), ("Restos du Cœur", "charity"),
    ("Club de voile du Léman", "sport"), ("Association des anciens de l'INSA", "association"),
    ("Les Coureurs du Parc", "sport"), ("Amicale des Éditeurs", "association"),
    ("Croix-Rouge, antenne locale", "charity"), ("Atelier Lumière", "employer"),
    ("Club d'échecs de Saint-Jean", "club"), ("Réseau Femmes & Numérique", "association"),
)

ASK_WHATS = ("introduction", "job_lead", "advice", "favour", "recommendation", "other")
ASK_OUTCOMES = ("pending", "helped", "helped", "declined")
ASK_DECISIONS = ("no_warnings", "ask_anyway", "ask_anyway", "no_warnings")
