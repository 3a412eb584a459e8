// The offline queue's storage: one IndexedDB object store keyed by the observation's external
// reference. Plain IndexedDB in a few lines; writes are 'strict' (on disk before they count as
// done), so an observation survives the phone going to sleep or the tab being closed.
const DB = 'scenemonitor-offline';
const STORE = 'queue';
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'ref' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opening = null; reject(request.error); };
  });
  return opening;
}

/** Runs one request in its own transaction; resolves with its result once the transaction is done. */
async function run(mode, makeRequest) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const request = makeRequest(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const all = () => run('readonly', (s) => s.getAll());
export const put = (item) => run('readwrite', (s) => s.put(item));
export const remove = (ref) => run('readwrite', (s) => s.delete(ref));
