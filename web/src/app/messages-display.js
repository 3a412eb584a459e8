// Texts of the display settings (theme) and the shareable view, one key with its three languages
// side by side; messages.js merges them into its en/nl/fr tables (web/check.mjs checks them).
const texts = {
  'theme.dark': { en: 'Dark theme', nl: 'Donker thema', fr: 'Thème sombre' },
};

/** The texts as three tables, { en: {key: text}, nl: {...}, fr: {...} }. */
export const displayMessages = { en: {}, nl: {}, fr: {} };
for (const [key, byLanguage] of Object.entries(texts)) {
  for (const language of Object.keys(displayMessages)) displayMessages[language][key] = byLanguage[language];
}
