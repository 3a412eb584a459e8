// What can wait for the first data on the map (outlines, the gazetteer, the offline cache, the
// chart) waits for this: on a 2-core machine each of them took the main thread or the server
// from the first draw for tens to hundreds of milliseconds (docs/map-page.md).

let settled = null;

/** Resolves once the first data is on the map, at once on another view, at the latest after 2 s. */
export function afterFirstData() {
  settled ??= new Promise((resolve) => {
    // After the frame that shows the data: a task queued from inside the frame callback runs
    // once it has been painted (resolving at the event itself would draw the chart first).
    document.addEventListener('observations-loaded', () => requestAnimationFrame(() => setTimeout(resolve, 0)), { once: true });
    // A page opened on another view has no first data to wait for.
    document.addEventListener('view-shown', () => { if (document.body.dataset.currentView !== 'observations') resolve(); });
    setTimeout(resolve, 2000);
  });
  return settled;
}
