// Texts of the display settings (theme) and the shareable view, one key with its three languages
// side by side; messages.js merges them into its en/nl/fr tables (web/check.mjs checks them).
import { languageTables } from './messages-evaluation.js';
const texts = {
  'theme.dark': { en: 'Dark theme', nl: 'Donker thema', fr: 'Thème sombre' },
};

/** The texts as three tables, { en: {key: text}, nl: {...}, fr: {...} }. */
export const displayMessages = languageTables(texts);
