namespace SceneMonitor.Tests.Support;

/// <summary>Realistic notes in Dutch, French and English for the personal-data scanner: notes about
/// places and traces that must be stored, and notes that name, describe or give the contact details
/// of a person (also disguised: spaces, full-width or zero-width characters, look-alike letters,
/// "(at)") that must be refused, with the kind of finding expected. Shared by the unit tests of the
/// scanner and the attack tests through the API.</summary>
public static class NoteCorpus
{
    public static readonly string[] PlaceNotes =
    [
        // Dutch
        "achter de trap van het metrostation",
        "12 spuiten bij de ingang",
        "12 spuiten achter de trap van metro Clemenceau",
        "slaapplek onder de brug, matras en karton",
        "zilverpapier en 3 pijpjes in het portiek",
        "ammoniakflessen in de struiken langs de Zuidlaan",
        "grote groep mensen rond de fontein, sterke urinegeur",
        "urine en uitwerpselen in de tunnel aan de Hallepoort",
        "naalden in de zandbak van de speeltuin",
        "gebruikers roken op het perron, 5 pijpjes gevonden",
        "aan de Avenue Louise bij de bushalte, 2 spuiten",
        "metro Jacques Brel, uitgang Sint-Guido, wikkels op de grond",
        "bij de Sint-Gillisvoorplein, tent tegen de muur",
        "al 3 jaar een vaste gebruiksplek achter het station",
        "dealpunt aan de hoek van de Lemonnierlaan, oude spuiten",
        "15 jan ronde: niets gevonden",
        "tram 81 halte, 3 pijpjes, schoongemaakt om 21:30",
        // French
        "pipe près du banc",
        "seringues sous l'escalier de la gare du Midi",
        "bouteilles d'ammoniaque au pied de l'arbre, place Anneessens",
        "papier alu et briquets dans la cabine téléphonique",
        "campement sous le pont, matelas et couvertures",
        "rue Jean Volders, devant le n° 20, trois seringues",
        "sous une pierre près du parc, 2 pipes",
        "il y a 12 seringues près de l'entrée du parking, niveau -2",
        "odeur d'urine forte dans le passage souterrain",
        "parvis de Saint-Gilles, déchets de consommation",
        "boulevard Maurice Lemonnier, capuchons de seringues",
        "square Marie Janson, tapis de préservatifs et lingettes",
        // English
        "ammonia bottle under the bridge",
        "needles in the flower bed at the entrance of the metro",
        "sleeping bag and cardboard behind the stairs",
        "foil and two pipes near the bench by the fountain",
        "black bin bags with syringes next to the container",
        "consumption site at the back of the car park, 5 pipes",
        "dealing point active again near Place Albert",
        "cleaned on 01/03/2026 at 21:30, nothing left",
        "about 20 syringe caps on the grass",
        "lots of people around the station entrance at night",
        // Places named after people, shop names, colours and clothes left behind.
        "parking Louise, niveau -1, seringues près de l'ascenseur",
        "Gare du Midi, côté rue de France, 4 seringues",
        "Institut Jules Bordet, achter de fietsenstalling",
        "bij het standbeeld van Jacques Brel, zilverpapier",
        "in de buurt van de Marokkaanse bakkerij, 2 pijpjes",
        "zwarte vuilniszakken met naalden naast de container",
        "jas en schoenen achtergelaten bij de bank, 3 spuiten",
        "drugsafval aan de ingang van de meisjesschool",
        "Sainte-Catherine, derrière l'église, papier alu",
        "kinderen spelen hier, spuiten in de zandbak",
    ];

    public static readonly (string Note, string Kind)[] PersonNotes =
    [
        // names
        ("Jan Peeters slaapt hier", "name"),
        ("Mohamed slaapt achter de trap", "name"),
        ("bij de ingang zit Fatima elke avond", "name"),
        ("Ahmet en Piotr dealen aan de hoek", "name"),
        ("c'est Jean-Pierre qui deale ici", "name"),
        ("Rose Dupont vraagt geld bij de ingang", "name"),
        ("Ja\u200Bn sla\u200Bapt hier", "name"),
        ("J\u0430n slaapt hier", "name"),                         // Cyrillic а
        ("MEHMET ZIT HIER ELKE NACHT", "name"),
        ("monsieur Dubois dort sous le pont", "name"),
        ("someone called Karim was selling", "name"),
        // descriptions
        ("man met rode jas en baard, ca. 40 jaar", "person_description"),
        ("femme enceinte sous le pont", "person_description"),
        ("ca. 40 jaar", "person_description"),
        ("a tall guy in a hoodie near the bench", "person_description"),
        ("jonge vrouw slaapt op de bank", "person_description"),
        ("twee jongens dealen aan de ingang", "person_description"),
        ("homme d'une cinquantaine d'années, barbe grise", "person_description"),
        ("jeune homme en survêtement noir devant la gare", "person_description"),
        ("oudere man in rolstoel bij het station", "person_description"),
        ("woman with blonde hair sleeping in the doorway", "person_description"),
        ("draagt een groene trainingsbroek en een pet", "person_description"),
        ("dealer met Noord-Afrikaans accent, zwarte muts", "person_description"),
        ("pregnant woman injecting behind the stairs", "person_description"),
        ("Marokkaanse jongeren hangen rond bij de fontein", "person_description"),
        ("25 years old, sleeps here every night", "person_description"),
        ("une femme âgée de 60 ans dort là", "person_description"),
        ("zwangere vrouw rookt crack onder de brug", "person_description"),
        // contacts and identifiers
        ("contact jan.peeters@example.be", "email"),
        ("mail jan.peeters(at)example(dot)be", "email"),
        ("jan peeters at example dot be", "email"),
        ("contact ｊａｎ＠ｅｘａｍｐｌｅ．ｂｅ", "email"),
        ("zie instagram @jan_p_bxl", "handle"),
        ("belde 0470 12 34 56", "phone"),
        ("gsm 0 4 7 0 1 2 3 4 5 6", "phone"),
        ("appel au +32 (0)470 12.34.56", "phone"),
        ("tel ０４７０１２３４５６", "phone"),
        ("tel 04\u200B70 12\u200B34 56", "phone"),
        ("RRN 85.07.30-033.28", "national_register_number"),
        ("rijksregister 85073003328", "national_register_number"),
        ("IBAN BE68 5390 0754 7034 op het papier", "iban"),
        ("paspoort EM123456 gevonden", "identity_document"),
        ("carte d'identité 591-1234567-89", "identity_document"),
        ("auto 1-ABC-234 geparkeerd", "licence_plate"),
        ("voiture AB-123-CD garée devant", "licence_plate"),
    ];
}
