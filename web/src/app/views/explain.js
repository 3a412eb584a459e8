// "What does this figure mean?": a small (i) button next to a label. Hovering shows the text as a
// tooltip (title); a click or tap opens it under the label, so it also works on a phone, where
// there is no hover, and for screen readers (aria-expanded, the text follows the button).
import { t } from '../i18n.js';
import { escapeHtml } from '../symbols.js';

let installed = false;

/** A label followed by its (i) button and the hidden explanation (message key `key`). */
export function explained(label, key, params = {}) {
  const text = t(key, params);
  return `${escapeHtml(label)}<button type="button" class="info" aria-expanded="false" title="${escapeHtml(text)}" data-info="${escapeHtml(key)}">`
    + `<span aria-hidden="true">i</span><span class="sr-only">${escapeHtml(t('ev.whatIs', { label }))}</span></button>`
    + `<span class="info-text" hidden>${escapeHtml(text)}</span>`;
}

/** One click listener for the whole document: toggles the explanation after the button. */
export function installExplanations() {
  if (installed) return;
  installed = true;
  document.addEventListener('click', (e) => {
    const button = e.target.closest?.('button.info');
    if (!button) return;
    const text = button.nextElementSibling;
    if (!text?.classList.contains('info-text')) return;
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    text.hidden = !open;
  });
}
