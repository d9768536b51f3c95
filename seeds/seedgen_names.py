"""Name lists for the demo network (written for Entregent; used by make_seeds.py).

French and English given and family names, with the accents real address books
hold. The generator draws from them with a seeded random, so the output is the
same on every run.
"""

FRENCH_WOMEN = [
    "Amélie", "Anaïs", "Anne", "Aurélie", "Béatrice", "Camille", "Capucine", "Cécile",
    "Charlotte", "Chloé", "Claire", "Clémence", "Delphine", "Élise", "Éloïse", "Élodie",
    "Emma", "Estelle", "Fanny", "Florence", "Gaëlle", "Hélène", "Inès", "Isabelle",
    "Jeanne", "Joséphine", "Julie", "Justine", "Laure", "Léa", "Léonie", "Lucie",
    "Maëlle", "Manon", "Margaux", "Marie", "Marion", "Mathilde", "Maud", "Mélanie",
    "Nadège", "Noémie", "Océane", "Pauline", "Rose", "Sandrine", "Solène", "Sophie",
    "Sylvie", "Thérèse", "Valérie", "Véronique", "Yasmine", "Zoé", "Agnès", "Bérénice",
    "Ségolène", "Nathalie", "Héloïse", "Brigitte",
]

FRENCH_MEN = [
    "Adrien", "Alexandre", "Antoine", "Arnaud", "Aurélien", "Baptiste", "Benoît",
    "Bertrand", "Cédric", "Clément", "Damien", "Denis", "Édouard", "Étienne", "Fabien",
    "François", "Frédéric", "Gaël", "Guillaume", "Hervé", "Hugo", "Jérémie", "Jérôme",
    "Joël", "Julien", "Laurent", "Loïc", "Louis", "Luc", "Mathieu", "Maxime", "Michaël",
    "Nicolas", "Noël", "Olivier", "Pascal", "Philippe", "Pierre", "Quentin", "Raphaël",
    "Régis", "Rémi", "Sébastien", "Simon", "Stéphane", "Théo", "Thibault", "Thierry",
    "Valentin", "Vincent", "Xavier", "Yannick", "Yves", "Karim", "Mehdi", "Florian",
    "Anaël", "Gaétan", "Jean-Marc", "Jean-François",
]

FRENCH_FAMILY = [
    "Arnaud", "Aubert", "Barbier", "Benoît", "Berger", "Bertin", "Blanchard", "Bonnet",
    "Bouchard", "Boyer", "Brun", "Carré", "Chevalier", "Clément", "Colin", "Da Silva",
    "David", "Delorme", "Deschamps", "Dubois", "Dufour", "Dumont", "Dupré", "Étienne",
    "Fabre", "Faure", "Fleury", "Fontaine", "Fournier", "Gaillard", "Garnier", "Gauthier",
    "Gérard", "Girard", "Giraud", "Guérin", "Guillot", "Hamon", "Héraud", "Jacquet",
    "Joly", "Lacroix", "Lambert", "Laurent", "Leclerc", "Lefèbvre", "Legrand", "Lemaire",
    "Lemoine", "Léger", "Marchand", "Masson", "Mercier", "Meunier", "Michaud", "Moreau",
    "Morel", "Mulot", "Noël", "Perrin", "Picard", "Poirier", "Prévost", "Renaud",
    "Rey", "Robin", "Roche", "Rousseau", "Roussel", "Roy", "Schmitt", "Simon", "Thibault",
    "Vasseur", "Vidal", "Vincent", "Besançon", "Lévêque", "Mégret", "Thévenin",
    "Benali", "Haddad", "N'Diaye", "Nguyen", "Ferreira", "Le Goff", "Le Bihan", "Kerjean",
]

ENGLISH_WOMEN = [
    "Abigail", "Amelia", "Charlotte", "Chloe", "Eleanor", "Emily", "Fiona", "Grace",
    "Hannah", "Harriet", "Imogen", "Isla", "Jessica", "Kate", "Lucy", "Megan", "Olivia",
    "Poppy", "Rachel", "Rebecca", "Ruth", "Sarah", "Sophie", "Zara", "Priya", "Aoife",
    "Siobhán", "Niamh",
]

ENGLISH_MEN = [
    "Alistair", "Ben", "Callum", "Daniel", "David", "Edward", "Ewan", "Finn", "George",
    "Harry", "Jack", "James", "Liam", "Matthew", "Oliver", "Oscar", "Patrick", "Rhys",
    "Rory", "Samuel", "Thomas", "Toby", "William", "Rajesh", "Seán", "Declan",
]

ENGLISH_FAMILY = [
    "Ashworth", "Bennett", "Brooks", "Campbell", "Carter", "Clarke", "Cooper", "Davies",
    "Evans", "Fletcher", "Foster", "Gray", "Hall", "Harris", "Hughes", "Jenkins",
    "Kennedy", "Lloyd", "Marshall", "Mitchell", "Morgan", "Murphy", "O'Brien", "Palmer",
    "Parker", "Reid", "Robinson", "Shaw", "Stewart", "Taylor", "Turner", "Walker",
    "Ward", "Webb", "Wright", "Young", "Raman", "Patel", "Ó Súilleabháin", "MacLeod",
]

STREETS = [
    "rue de la République", "rue Mercière", "rue Saint-Jean", "quai Saint-Vincent",
    "rue des Tables Claudiennes", "montée de la Grande-Côte", "boulevard de la Croix-Rousse",
    "rue Paul Bert", "cours Lafayette", "rue Garibaldi", "avenue Jean Jaurès",
    "rue de Marseille", "rue Duguesclin", "place Sathonay", "rue d'Austerlitz",
    "chemin de Montauban", "rue Pierre Dupont", "rue Juiverie", "rue Chevreul",
    "rue Sébastien Gryphe",
]

CITIES = [
    ("Lyon", "69001"), ("Lyon", "69002"), ("Lyon", "69003"), ("Lyon", "69004"),
    ("Lyon", "69006"), ("Lyon", "69007"), ("Villeurbanne", "69100"),
    ("Caluire-et-Cuire", "69300"), ("Écully", "69130"), ("Oullins", "69600"),
]
