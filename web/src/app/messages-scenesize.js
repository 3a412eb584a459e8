// Texts of the Scene size view (multiplier method), one entry per key with its three languages side
// by side; messages.js merges them into its en/nl/fr tables (web/check.mjs checks them as usual).
// The caveats (ss.caveat.<code>) word the codes the API sends with every estimate.
import { languageTables } from './messages-evaluation.js';

const texts = {
  'nav.sceneSize': { en: 'Scene size', nl: 'Omvang', fr: 'Taille' },
  'ss.title': { en: 'Size of the scene', nl: 'Omvang van de scene', fr: 'Taille de la scène' },
  'ss.intro': {
    en: 'How many people are in the scene, estimated with the multiplier method: a register count (benchmark) × the number interviewed ÷ those of them in the register. Aggregates only, never persons.',
    nl: 'Hoeveel mensen er in de scene zijn, geschat met de multipliermethode: een telling uit een register (benchmark) × het aantal bevraagden ÷ wie van hen in het register staat. Enkel totalen, nooit personen.',
    fr: 'Combien de personnes compte la scène, estimé par la méthode du multiplicateur : un comptage de registre (référence) × le nombre de personnes interrogées ÷ celles d\'entre elles inscrites au registre. Uniquement des agrégats, jamais de personnes.',
  },
  'ss.population': { en: 'Population', nl: 'Populatie', fr: 'Population' },
  'ss.year': { en: 'Year (map)', nl: 'Jaar (kaart)', fr: 'Année (carte)' },
  'ss.tableTitle': { en: 'Estimates per area and year', nl: 'Schattingen per gebied en jaar', fr: 'Estimations par zone et par année' },
  'ss.area': { en: 'Area', nl: 'Gebied', fr: 'Zone' },
  'ss.yearColumn': { en: 'Year', nl: 'Jaar', fr: 'Année' },
  'ss.estimate': { en: 'Estimate', nl: 'Schatting', fr: 'Estimation' },
  'ss.interval': { en: '95 % interval', nl: '95 %-interval', fr: 'Intervalle à 95 %' },
  'ss.range': { en: '{low} to {high}', nl: '{low} tot {high}', fr: '{low} à {high}' },
  'ss.single': { en: '1 register', nl: '1 register', fr: '1 registre' },
  'ss.combined': { en: '{used} of {count} registers combined', nl: '{used} van {count} registers gecombineerd', fr: '{used} registres sur {count} combinés' },
  'ss.unreliable': { en: 'unreliable', nl: 'onbetrouwbaar', fr: 'peu fiable' },
  'ss.unreliableTitle': {
    en: 'Fewer than 10 of the people interviewed were in the register: one answer more or less changes the figure a lot.',
    nl: 'Minder dan 10 bevraagden stonden in het register: één antwoord meer of minder verandert het cijfer sterk.',
    fr: 'Moins de 10 personnes interrogées figuraient au registre : une réponse de plus ou de moins change fortement le chiffre.',
  },
  'ss.none': {
    en: 'No estimates yet. Analysts add a benchmark and a survey below.',
    nl: 'Nog geen schattingen. Analisten voegen hieronder een benchmark en een bevraging toe.',
    fr: 'Pas encore d\'estimation. Les analystes ajoutent ci-dessous une référence et une enquête.',
  },
  'ss.caveatsTitle': { en: 'Read these figures with care', nl: 'Lees deze cijfers met zorg', fr: 'Lire ces chiffres avec prudence' },
  'ss.caveat.register_completeness': {
    en: 'Register completeness: the benchmark counts only the people the register knows, each once. Clients missed or counted twice move the estimate in the same proportion.',
    nl: 'Volledigheid van het register: de benchmark telt enkel wie het register kent, elk één keer. Gemiste of dubbel getelde cliënten verschuiven de schatting in dezelfde verhouding.',
    fr: 'Complétude du registre : la référence ne compte que les personnes connues du registre, chacune une fois. Des clients manqués ou comptés deux fois déplacent l\'estimation dans la même proportion.',
  },
  'ss.caveat.recruitment_sites': {
    en: 'Recruitment sites: the survey speaks only for the people met where it interviewed. If register clients are easier (or harder) to meet there, the estimate is too low (or too high).',
    nl: 'Plaatsen van werving: de bevraging spreekt enkel voor wie men op die plaatsen ontmoette. Zijn cliënten van het register daar makkelijker (of moeilijker) te vinden, dan is de schatting te laag (of te hoog).',
    fr: 'Lieux de recrutement : l\'enquête ne vaut que pour les personnes rencontrées là où elle a interrogé. Si les clients du registre y sont plus faciles (ou plus difficiles) à rencontrer, l\'estimation est trop basse (ou trop haute).',
  },
  'ss.caveat.comparability_over_time': {
    en: 'Comparability over time: compare years only when the register, its rules and the survey sites stayed the same; a new service or opening hours change the benchmark, not the scene.',
    nl: 'Vergelijkbaarheid in de tijd: vergelijk jaren enkel als het register, zijn regels en de plaatsen van bevraging gelijk bleven; een nieuwe dienst of andere openingsuren veranderen de benchmark, niet de scene.',
    fr: 'Comparabilité dans le temps : ne comparer des années que si le registre, ses règles et les lieux d\'enquête sont restés les mêmes ; un nouveau service ou d\'autres heures d\'ouverture changent la référence, pas la scène.',
  },
  'ss.caveat.unreliable_small_m': {
    en: 'Unreliable: fewer than 10 of the people interviewed were in the register.',
    nl: 'Onbetrouwbaar: minder dan 10 bevraagden stonden in het register.',
    fr: 'Peu fiable : moins de 10 personnes interrogées figuraient au registre.',
  },
  'ss.caveat.estimates_disagree': {
    en: 'The registers give clearly different estimates (I² above 50 %): they reach different parts of the scene; the combined interval is wide for that reason.',
    nl: 'De registers geven duidelijk verschillende schattingen (I² boven 50 %): ze bereiken verschillende delen van de scene; daarom is het gecombineerde interval breed.',
    fr: 'Les registres donnent des estimations nettement différentes (I² supérieur à 50 %) : ils atteignent des parties différentes de la scène ; l\'intervalle combiné est large pour cette raison.',
  },
  'ss.method': {
    en: 'N = B × n ÷ m. 95 % interval: Wilson interval of m ÷ n, inverted. Several registers for the same population, area and year: combined on the log scale (random effects); estimates with m below 10 are left out when a reliable one exists.',
    nl: 'N = B × n ÷ m. 95 %-interval: Wilson-interval van m ÷ n, omgekeerd. Meerdere registers voor dezelfde populatie, hetzelfde gebied en jaar: gecombineerd op logschaal (random effects); schattingen met m onder 10 vallen weg als er een betrouwbare is.',
    fr: 'N = B × n ÷ m. Intervalle à 95 % : intervalle de Wilson de m ÷ n, inversé. Plusieurs registres pour la même population, zone et année : combinés sur l\'échelle logarithmique (effets aléatoires) ; les estimations avec m inférieur à 10 sont écartées s\'il en existe une fiable.',
  },
  'ss.mapTitle': { en: 'Estimated people, {year}', nl: 'Geschatte personen, {year}', fr: 'Personnes estimées, {year}' },
  'ss.noMapYear': { en: 'No estimate for this year.', nl: 'Geen schatting voor dit jaar.', fr: 'Aucune estimation pour cette année.' },
  'ss.seriesTitle': { en: 'Over the years', nl: 'Doorheen de jaren', fr: 'Au fil des années' },
  'ss.seriesArea': { en: 'Area', nl: 'Gebied', fr: 'Zone' },
  'ss.seriesBand': { en: '95 % interval', nl: '95 %-interval', fr: 'Intervalle à 95 %' },
  'ss.download': { en: 'Download the estimates', nl: 'Schattingen downloaden', fr: 'Télécharger les estimations' },
  'ss.downloadCsv': { en: 'Table per area and year', nl: 'Tabel per gebied en jaar', fr: 'Tableau par zone et année' },
  'ss.downloadGeojson': { en: 'Areas with estimates (choropleth)', nl: 'Gebieden met schattingen (choropleet)', fr: 'Zones avec estimations (choroplèthe)' },
  'ss.inputsTitle': { en: 'Add inputs', nl: 'Invoer toevoegen', fr: 'Ajouter des données' },
  'ss.inputsHint': {
    en: 'Only totals from registers and surveys: no names, no lists of people, no descriptions.',
    nl: 'Enkel totalen uit registers en bevragingen: geen namen, geen lijsten van personen, geen beschrijvingen.',
    fr: 'Uniquement des totaux de registres et d\'enquêtes : pas de noms, pas de listes de personnes, pas de descriptions.',
  },
  'ss.benchmark': { en: 'Benchmark (register count)', nl: 'Benchmark (telling uit register)', fr: 'Référence (comptage du registre)' },
  'ss.count': { en: 'Distinct people in the register', nl: 'Verschillende personen in het register', fr: 'Personnes distinctes au registre' },
  'ss.source': { en: 'Register or service', nl: 'Register of dienst', fr: 'Registre ou service' },
  'ss.survey': { en: 'Multiplier survey', nl: 'Multiplierbevraging', fr: 'Enquête multiplicateur' },
  'ss.surveyBenchmark': { en: 'Register asked about', nl: 'Gevraagd naar register', fr: 'Registre demandé' },
  'ss.interviewed': { en: 'People interviewed (n)', nl: 'Bevraagde personen (n)', fr: 'Personnes interrogées (n)' },
  'ss.inRegister': { en: 'Of them in the register (m)', nl: 'Van hen in het register (m)', fr: 'Dont au registre (m)' },
  'ss.sites': { en: 'Recruitment sites', nl: 'Plaatsen van werving', fr: 'Lieux de recrutement' },
  'ss.add': { en: 'Add', nl: 'Toevoegen', fr: 'Ajouter' },
  'ss.saved': { en: 'Saved.', nl: 'Opgeslagen.', fr: 'Enregistré.' },
  'ss.noBenchmark': { en: 'Add a benchmark first.', nl: 'Voeg eerst een benchmark toe.', fr: 'Ajoutez d\'abord une référence.' },
  'ss.people': { en: 'people', nl: 'personen', fr: 'personnes' },
};

export const sceneSizeMessages = languageTables(texts);
