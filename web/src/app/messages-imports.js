// Texts of the import's mapping step, saved mappings, update mode and the dry run's warnings, one
// key with its three languages together; messages.js merges them into its tables.
import { languageTables } from './messages-evaluation.js';

const texts = {
  'imp.field.category': { en: 'Category', nl: 'Categorie', fr: 'Catégorie' },
  'imp.field.lat': { en: 'Latitude', nl: 'Breedtegraad', fr: 'Latitude' },
  'imp.field.lon': { en: 'Longitude', nl: 'Lengtegraad', fr: 'Longitude' },
  'imp.field.wkt': { en: 'Point (WKT)', nl: 'Punt (WKT)', fr: 'Point (WKT)' },
  'imp.field.time': { en: 'Observation time', nl: 'Tijdstip van de waarneming', fr: 'Moment de l’observation' },
  'imp.field.quantity': { en: 'Quantity', nl: 'Aantal', fr: 'Quantité' },
  'imp.field.note': { en: 'Note', nl: 'Opmerking', fr: 'Remarque' },
  'imp.field.externalRef': { en: 'Reference', nl: 'Referentie', fr: 'Référence' },
  'imp.field.geopoint': { en: 'Location (KoBo/ODK geopoint)', nl: 'Locatie (KoBo/ODK-geopunt)', fr: 'Position (géopoint KoBo/ODK)' },
  'imp.field.source': { en: 'Source', nl: 'Bron', fr: 'Source' },
  'imp.unused': { en: '— not used —', nl: '— niet gebruikt —', fr: '— non utilisée —' },
  'imp.title': { en: 'Columns of the file', nl: 'Kolommen van het bestand', fr: 'Colonnes du fichier' },
  'imp.intro': {
    en: 'Choose for each column what it holds. The values shown are the first ones in the file.',
    nl: 'Kies voor elke kolom wat ze bevat. De getoonde waarden zijn de eerste in het bestand.',
    fr: 'Choisissez pour chaque colonne ce qu’elle contient. Les valeurs montrées sont les premières du fichier.',
  },
  'imp.column': { en: 'Column', nl: 'Kolom', fr: 'Colonne' },
  'imp.values': { en: 'First values', nl: 'Eerste waarden', fr: 'Premières valeurs' },
  'imp.holds': { en: 'Holds', nl: 'Bevat', fr: 'Contient' },
  'imp.recheck': { en: 'Check again with these columns', nl: 'Opnieuw controleren met deze kolommen', fr: 'Vérifier à nouveau avec ces colonnes' },
  'imp.save': { en: 'Remember for files with these columns', nl: 'Onthouden voor bestanden met deze kolommen', fr: 'Retenir pour les fichiers avec ces colonnes' },
  'imp.saved': {
    en: 'Saved: your organisation’s next files with these columns are read this way.',
    nl: 'Opgeslagen: de volgende bestanden van uw organisatie met deze kolommen worden zo gelezen.',
    fr: 'Enregistré : les prochains fichiers de votre organisation avec ces colonnes seront lus ainsi.',
  },
  'imp.savedApplied': {
    en: 'Your organisation’s saved choice of columns for this file layout was applied.',
    nl: 'De opgeslagen kolomkeuze van uw organisatie voor deze bestandsindeling is toegepast.',
    fr: 'Le choix de colonnes enregistré par votre organisation pour cette disposition de fichier a été appliqué.',
  },
  'imp.needPair': {
    en: 'Choose both a latitude and a longitude column.',
    nl: 'Kies zowel een kolom voor de breedtegraad als voor de lengtegraad.',
    fr: 'Choisissez une colonne de latitude et une colonne de longitude.',
  },
  'imp.missing': {
    en: 'No column was recognised as {field}: choose it in the list of columns below.',
    nl: 'Geen enkele kolom werd herkend als {field}: kies ze hieronder in de lijst van kolommen.',
    fr: 'Aucune colonne n’a été reconnue comme {field} : choisissez-la dans la liste des colonnes ci-dessous.',
  },
  'imp.notFound': {
    en: 'The column chosen as {field} is not in this file: choose another one below.',
    nl: 'De kolom gekozen als {field} staat niet in dit bestand: kies hieronder een andere.',
    fr: 'La colonne choisie comme {field} n’est pas dans ce fichier : choisissez-en une autre ci-dessous.',
  },
  'imp.sourceMissing': {
    en: 'The file has no source column: choose the source above.',
    nl: 'Het bestand heeft geen kolom met de bron: kies de bron hierboven.',
    fr: 'Le fichier n’a pas de colonne de source : choisissez la source ci-dessus.',
  },
  'imp.refRequired': {
    en: 'To correct stored observations the file needs a reference column: choose it below.',
    nl: 'Om opgeslagen waarnemingen te verbeteren heeft het bestand een kolom met referenties nodig: kies ze hieronder.',
    fr: 'Pour corriger des observations enregistrées, le fichier doit avoir une colonne de référence : choisissez-la ci-dessous.',
  },
  'imp.updateMode': {
    en: 'Correct observations stored before (rows with the same source and reference replace time, place, category, quantity and note)',
    nl: 'Eerder opgeslagen waarnemingen verbeteren (rijen met dezelfde bron en referentie vervangen tijdstip, plaats, categorie, aantal en opmerking)',
    fr: 'Corriger des observations déjà enregistrées (les lignes de même source et référence remplacent moment, lieu, catégorie, quantité et remarque)',
  },
  'imp.wouldUpdate': {
    en: 'Uploading will correct {updated} stored observations, add {inserted} new ones and leave {unchanged} unchanged.',
    nl: 'Opladen zal {updated} opgeslagen waarnemingen verbeteren, {inserted} nieuwe toevoegen en {unchanged} ongewijzigd laten.',
    fr: 'L’import corrigera {updated} observations enregistrées, en ajoutera {inserted} nouvelles et en laissera {unchanged} inchangées.',
  },
  'imp.updated': {
    en: '{updated} observations corrected, {inserted} added, {unchanged} unchanged.',
    nl: '{updated} waarnemingen verbeterd, {inserted} toegevoegd, {unchanged} ongewijzigd.',
    fr: '{updated} observations corrigées, {inserted} ajoutées, {unchanged} inchangées.',
  },
  'imp.w.crs': { en: 'Coordinates converted from {value} to longitude and latitude.', nl: 'Coördinaten omgezet van {value} naar lengte- en breedtegraad.', fr: 'Coordonnées converties de {value} en longitude et latitude.' },
  'imp.w.formStart': {
    en: 'Observation time taken from “{column}”, when the form was opened.',
    nl: 'Tijdstip genomen uit „{column}”, wanneer het formulier geopend werd.',
    fr: 'Moment pris dans « {column} », quand le formulaire a été ouvert.',
  },
  'imp.w.formEnd': {
    en: 'Observation time taken from “{column}”, when the form was saved.',
    nl: 'Tijdstip genomen uit „{column}”, wanneer het formulier bewaard werd.',
    fr: 'Moment pris dans « {column} », quand le formulaire a été enregistré.',
  },
  'imp.w.sync': {
    en: 'Observation time taken from “{column}”, when the phone sent the form: that can be hours or days late. Choose the form’s time column if there is one.',
    nl: 'Tijdstip genomen uit „{column}”, wanneer de telefoon het formulier verstuurde: dat kan uren of dagen later zijn. Kies de tijdkolom van het formulier als die er is.',
    fr: 'Moment pris dans « {column} », quand le téléphone a envoyé le formulaire : cela peut être des heures ou des jours plus tard. Choisissez la colonne d’heure du formulaire s’il y en a une.',
  },
  'imp.w.byLabel': {
    en: '{field} read from the column “{column}” (a word of its name): choose another column if that is wrong.',
    nl: '{field} gelezen uit de kolom „{column}” (een woord van haar naam): kies een andere kolom als dat niet klopt.',
    fr: '{field} lu dans la colonne « {column} » (un mot de son nom) : choisissez une autre colonne si c’est faux.',
  },
  'imp.w.quantityAll': { en: 'No quantity column: quantity 1 for every row.', nl: 'Geen kolom met aantallen: aantal 1 voor elke rij.', fr: 'Pas de colonne de quantité : quantité 1 pour chaque ligne.' },
  'imp.w.quantitySome': {
    en: 'Quantity empty in {count} of {total} rows: 1 used.',
    nl: 'Aantal leeg in {count} van {total} rijen: 1 gebruikt.',
    fr: 'Quantité vide dans {count} lignes sur {total} : 1 utilisé.',
  },
  'imp.w.source': { en: 'No source column: source “{value}” for every row.', nl: 'Geen kolom met de bron: bron „{value}” voor elke rij.', fr: 'Pas de colonne de source : source « {value} » pour chaque ligne.' },
  'imp.w.refDerived': {
    en: 'No reference column: a row is recognised on a later upload by its content, so an edited row is stored again as a new observation.',
    nl: 'Geen kolom met referenties: een rij wordt bij een latere upload herkend aan haar inhoud, dus een aangepaste rij wordt opnieuw als nieuwe waarneming opgeslagen.',
    fr: 'Pas de colonne de référence : une ligne est reconnue lors d’un import ultérieur par son contenu, donc une ligne modifiée est enregistrée à nouveau comme nouvelle observation.',
  },
  'imp.w.noNote': { en: 'No note column: no notes stored.', nl: 'Geen kolom met opmerkingen: geen opmerkingen opgeslagen.', fr: 'Pas de colonne de remarques : aucune remarque enregistrée.' },
  'imp.w.unused': { en: 'Column “{column}” is not used.', nl: 'Kolom „{column}” wordt niet gebruikt.', fr: 'La colonne « {column} » n’est pas utilisée.' },
};

/** The texts as three tables, { en: {key: text}, nl: {...}, fr: {...} }. */
export const importMessages = languageTables(texts);
