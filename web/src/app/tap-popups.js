// Phones have no hover: a map shape that explains itself only in a tooltip (an Evolution
// hexagon, a planner's count cell, an intervention's outline) shows nothing on a tap. Every such
// shape added to the map also opens the same text as a popup on click or tap. Shapes that already
// open their own popup on click (the Displacement layers) are left as they are.
const L = window.L;

export function installTapPopups(map) {
  map.on('layeradd', ({ layer }) => {
    if (!(layer instanceof L.Path) || !layer.getTooltip() || layer.getPopup() || layer.tapPopup) return;
    // The tooltip's own click handler is the only one: nobody else answers a click on this shape.
    const clicks = layer._events?.click || [];
    if (!clicks.every((listener) => listener.fn === layer._openTooltip)) return;
    layer.tapPopup = true;
    layer.on('click', (e) => {
      if (map.getContainer().classList.contains('picking')) return; // placing or drawing: a click is a point
      const tip = layer.getTooltip();
      const content = typeof tip._content === 'function' ? tip._content(layer) : tip._content;
      layer.closeTooltip();
      L.popup({ maxWidth: 300 }).setLatLng(e.latlng).setContent(`<div class="popup map-popup">${content}</div>`).openOn(map);
    });
  });
}
