// The record being made in the form. Its external reference is made when the record is started,
// so every save of it (a double tap, a resend after a lost answer) names the same record and the
// API stores it once. The observation time is the moment of saving unless the recorder set a time;
// an edited or corrected observation keeps its own time (to the second) unless the time is changed.
import { discard, isoWithOffset, keep, newRef, send } from './queue.js';

export const draft = { ref: newRef(), correcting: null, reason: null, editing: false, timeTouched: false, observedAt: null };

/** A new, empty record (after a save, or when an edit is cancelled). */
export function startFresh() {
  Object.assign(draft, { ref: newRef(), correcting: null, reason: null, editing: false, timeTouched: false, observedAt: null });
}

/** Continue a kept item (editing: same reference) or correct a stored record (a new reference). */
export function startFrom({ ref, correcting = null, editing = false, observedAt }) {
  Object.assign(draft, { ref: ref || newRef(), correcting, reason: null, editing, timeTouched: false, observedAt });
}

/** Keeps the observation on the device, then sends it when there is a network. Resolves with the
 *  queue's outcome: sent, waiting (kept; sent later), signin (kept until a sign-in) or rejected. */
export async function saveDraft(input) {
  const observation = { ...input, externalRef: draft.ref, observedAt: draft.timeTouched ? input.observedAt : draft.observedAt || isoWithOffset(new Date()) };
  const item = await keep(observation, { correcting: draft.correcting, reason: draft.reason });
  if (!navigator.onLine) return { state: 'waiting', item };
  const outcome = await send(item.ref);
  // A new record refused by the API stays in the form, its errors next to the fields; an edited
  // kept item stays kept (marked refused) so that leaving the form loses nothing.
  if (outcome.state === 'rejected' && !draft.editing) await discard(item.ref);
  return { item, ...outcome };
}
