// Texts of offline recording (the queue kept on the device), "save once" and "My records", one key
// with its three languages together; messages.js merges them into its tables (checked by check.mjs).
import { languageTables } from './messages-evaluation.js';

const texts = {
  'off.waitingOne': { en: '1 observation waiting to be sent', nl: '1 waarneming wacht om verzonden te worden', fr: '1 observation en attente d\'envoi' },
  'off.waitingMany': { en: '{count} observations waiting to be sent', nl: '{count} waarnemingen wachten om verzonden te worden', fr: '{count} observations en attente d\'envoi' },
  'off.noNetwork': { en: 'No network: new observations are kept on this device and sent later.', nl: 'Geen netwerk: nieuwe waarnemingen blijven op dit toestel en worden later verzonden.', fr: 'Pas de réseau : les nouvelles observations restent sur cet appareil et seront envoyées plus tard.' },
  'off.signInToSend': { en: 'Sign in again to send them.', nl: 'Meld u opnieuw aan om ze te verzenden.', fr: 'Reconnectez-vous pour les envoyer.' },
  'off.sendNow': { en: 'Send now', nl: 'Nu verzenden', fr: 'Envoyer maintenant' },
  'off.savedOffline': {
    en: 'Kept on this device: it will be sent when the network is back. The time it was made is kept.',
    nl: 'Bewaard op dit toestel: ze wordt verzonden zodra er weer netwerk is. Het tijdstip van registratie blijft behouden.',
    fr: 'Gardée sur cet appareil : elle sera envoyée au retour du réseau. L\'heure de l\'observation est conservée.',
  },
  'off.another': { en: 'Next record: keep this category', nl: 'Volgende registratie: deze categorie behouden', fr: 'Observation suivante : garder cette catégorie' },
  'off.correcting': { en: 'Correcting observation {id}. Saving withdraws it and stores this one instead.', nl: 'U verbetert waarneming {id}. Opslaan trekt ze in en bewaart deze in de plaats.', fr: 'Correction de l\'observation {id}. L\'enregistrement la retire et garde celle-ci à sa place.' },
  'off.editingQueued': { en: 'Editing an observation that was not sent yet.', nl: 'U bewerkt een waarneming die nog niet verzonden is.', fr: 'Modification d\'une observation pas encore envoyée.' },
  'off.correctReason': { en: 'What was wrong?', nl: 'Wat was er fout?', fr: 'Qu\'est-ce qui était faux ?' },
  'off.cancelEdit': { en: 'Cancel', nl: 'Annuleren', fr: 'Annuler' },
  'off.otherAccount': { en: 'recorded by {name}: waits for that account', nl: 'geregistreerd door {name}: wacht op die account', fr: 'enregistrée par {name} : attend ce compte' },

  'mine.title': { en: 'My records', nl: 'Mijn registraties', fr: 'Mes observations' },
  'mine.intro': {
    en: 'Observations of your organisation from the last 7 days, and those still on this device. A correction withdraws the old record and stores the new one; both stay in the history.',
    nl: 'Waarnemingen van uw organisatie van de laatste 7 dagen, en die nog op dit toestel staan. Een verbetering trekt de oude registratie in en bewaart de nieuwe; beide blijven in de geschiedenis.',
    fr: 'Observations de votre organisation des 7 derniers jours, et celles encore sur cet appareil. Une correction retire l\'ancienne et enregistre la nouvelle ; les deux restent dans l\'historique.',
  },
  'mine.refresh': { en: 'Refresh', nl: 'Vernieuwen', fr: 'Actualiser' },
  'mine.none': { en: 'No observations in the last 7 days.', nl: 'Geen waarnemingen in de laatste 7 dagen.', fr: 'Aucune observation ces 7 derniers jours.' },
  'mine.unavailable': { en: 'The records on the server cannot be loaded now ({message}).', nl: 'De registraties op de server kunnen nu niet geladen worden ({message}).', fr: 'Les observations du serveur ne peuvent pas être chargées maintenant ({message}).' },
  'mine.onDevice': { en: 'On this device', nl: 'Op dit toestel', fr: 'Sur cet appareil' },
  'mine.onServer': { en: 'Stored', nl: 'Opgeslagen', fr: 'Enregistrées' },
  'mine.byMe': { en: 'by you', nl: 'door u', fr: 'par vous' },
  'mine.byColleague': { en: 'by a colleague', nl: 'door een collega', fr: 'par un collègue' },
  'mine.withdrawn': { en: 'withdrawn', nl: 'ingetrokken', fr: 'retirée' },
  'mine.waiting': { en: 'waiting to be sent', nl: 'wacht op verzending', fr: 'en attente d\'envoi' },
  'mine.waitingSignIn': { en: 'waiting for sign-in', nl: 'wacht op aanmelding', fr: 'attend la connexion' },
  'mine.rejected': { en: 'not accepted: {message}', nl: 'niet aanvaard: {message}', fr: 'refusée : {message}' },
  'mine.quantity': { en: '× {count}', nl: '× {count}', fr: '× {count}' },
  'mine.edit': { en: 'Edit', nl: 'Bewerken', fr: 'Modifier' },
  'mine.discard': { en: 'Discard', nl: 'Weggooien', fr: 'Supprimer' },
  'mine.discardConfirm': { en: 'Discard this observation? It was never sent.', nl: 'Deze waarneming weggooien? Ze werd nooit verzonden.', fr: 'Supprimer cette observation ? Elle n\'a jamais été envoyée.' },
  'mine.correct': { en: 'Correct', nl: 'Verbeteren', fr: 'Corriger' },
  'mine.withdraw': { en: 'Withdraw', nl: 'Intrekken', fr: 'Retirer' },
  'mine.withdrawWhy': { en: 'Why withdraw it?', nl: 'Waarom intrekken?', fr: 'Pourquoi la retirer ?' },
  'mine.cancel': { en: 'Cancel', nl: 'Annuleren', fr: 'Annuler' },
  'mine.withdrawDone': { en: 'Observation {id} withdrawn.', nl: 'Waarneming {id} ingetrokken.', fr: 'Observation {id} retirée.' },
  'mine.correctDone': { en: 'Observation {id} corrected: the new record is {newId}.', nl: 'Waarneming {id} verbeterd: de nieuwe registratie is {newId}.', fr: 'Observation {id} corrigée : la nouvelle est {newId}.' },
  'mine.failed': { en: 'Not possible: {message}', nl: 'Niet mogelijk: {message}', fr: 'Impossible : {message}' },
  'mine.reason.twice': { en: 'Recorded twice', nl: 'Dubbel geregistreerd', fr: 'Enregistrée deux fois' },
  'mine.reason.mistake': { en: 'Recorded by mistake', nl: 'Per vergissing geregistreerd', fr: 'Enregistrée par erreur' },
  'mine.reason.test': { en: 'Test record', nl: 'Testregistratie', fr: 'Observation de test' },
  'mine.reason.place': { en: 'Wrong place', nl: 'Verkeerde plaats', fr: 'Mauvais endroit' },
  'mine.reason.category': { en: 'Wrong category', nl: 'Verkeerde categorie', fr: 'Mauvaise catégorie' },
  'mine.reason.details': { en: 'Wrong time, quantity or note', nl: 'Verkeerd tijdstip, aantal of notitie', fr: 'Heure, quantité ou note erronée' },
};

/** The texts as three tables, { en: {key: text}, nl: {...}, fr: {...} }. */
export const offlineMessages = languageTables(texts);
