// Texts of the record view's place help (the point in words, place search, already recorded
// nearby), one key with its three languages side by side; messages.js merges them into its tables.
import { languageTables } from './messages-evaluation.js';

const texts = {
  'place.search': { en: 'Find a place', nl: 'Zoek een plaats', fr: 'Chercher un lieu' },
  'place.searchHint': { en: 'Station, square, neighbourhood…', nl: 'Station, plein, wijk…', fr: 'Gare, place, quartier…' },
  'place.noMatch': { en: 'No named place or neighbourhood found.', nl: 'Geen benoemde plaats of wijk gevonden.', fr: 'Aucun lieu nommé ni quartier trouvé.' },
  'place.kind.station': { en: 'station', nl: 'station', fr: 'gare / station' },
  'place.kind.square': { en: 'square', nl: 'plein', fr: 'place' },
  'place.kind.street': { en: 'street', nl: 'straat', fr: 'rue' },
  'place.kind.park': { en: 'park', nl: 'park', fr: 'parc' },
  'place.kind.neighbourhood': { en: 'neighbourhood', nl: 'wijk', fr: 'quartier' },
  'place.kind.municipality': { en: 'municipality', nl: 'gemeente', fr: 'commune' },
  'place.near': { en: 'Near {place} ({distance})', nl: 'Bij {place} ({distance})', fr: 'Près de {place} ({distance})' },
  'place.unnamed': { en: 'Outside the known neighbourhoods.', nl: 'Buiten de gekende wijken.', fr: 'En dehors des quartiers connus.' },
  'place.nearbyTitle': {
    en: 'Already recorded here in the last {days} days ({count}):',
    nl: 'Hier al geregistreerd in de laatste {days} dagen ({count}):',
    fr: 'Déjà enregistré ici ces {days} derniers jours ({count}) :',
  },
  'place.nearbyItem': { en: '{what}, {ago}, {distance} away', nl: '{what}, {ago}, op {distance}', fr: '{what}, {ago}, à {distance}' },
  'place.nearbyNone': {
    en: 'Nothing recorded within {distance} m in the last {days} days.',
    nl: 'Niets geregistreerd binnen {distance} m in de laatste {days} dagen.',
    fr: 'Rien d\'enregistré à moins de {distance} m ces {days} derniers jours.',
  },
  'place.nearbyUnknown': {
    en: 'Could not check what was already recorded here (no connection?).',
    nl: 'Kon niet nagaan wat hier al geregistreerd is (geen verbinding?).',
    fr: 'Impossible de vérifier ce qui a déjà été enregistré ici (pas de connexion ?).',
  },
};

export const placeMessages = languageTables(texts);
