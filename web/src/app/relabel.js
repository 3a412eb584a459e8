// Changing the language must change what is already on the map, not only what is drawn next:
// marker titles (the tooltip and the screen reader's name) and any popup or tooltip that is open.

const L = window.L;

/** Gives a marker a new title, also when it is already drawn (Leaflet reads options.title only
 * when it creates the icon element). */
export function setMarkerTitle(marker, title) {
  marker.options.title = title;
  marker.options.alt = title;
  const el = marker.getElement?.();
  if (el) el.title = title;
}

/** Re-renders open popups and tooltips whose content is a function (bindPopup(() => html)):
 * Leaflet calls the function again on update(). Fixed-text ones stay as they are. */
export function refreshOpenPopups(map) {
  map.eachLayer((layer) => {
    if ((layer instanceof L.Popup || layer instanceof L.Tooltip) && typeof layer.getContent() === 'function') layer.update();
  });
}
