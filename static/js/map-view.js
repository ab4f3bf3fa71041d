// Read-only maps of an application's location (applicant detail, staff detail):
//   <div data-map-view data-lat data-lng data-tiles="URL|none" data-bounds="s,w,n,e"
//        data-marker-title="…"><div class="map-canvas"></div></div>
// With tiles: the point at street level; without (no network): the point within the office's
// province (data-bounds). The province's frame and a circle mark the point either way. Without Leaflet or with a bad
// point: the coordinates as text.
(function () {
  'use strict';
  document.querySelectorAll('[data-map-view]').forEach(function (box) {
    var canvas = box.querySelector('.map-canvas');
    var point = [Number(box.dataset.lat), Number(box.dataset.lng)];
    if (!window.L || !isFinite(point[0]) || !isFinite(point[1])) {
      canvas.textContent = box.dataset.lat + ', ' + box.dataset.lng;
      return;
    }
    var map = L.map(canvas, { scrollWheelZoom: false });
    var tiles = box.dataset.tiles && box.dataset.tiles !== 'none';
    var b = (box.dataset.bounds || '').split(',').map(Number);
    var frame = b.length === 4 && b.every(isFinite) ? L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : null;
    if (tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map);
      map.setView(point, 14);
    } else if (frame) {
      map.fitBounds(frame.extend(point));
    } else {
      map.setView(point, 8);
    }
    if (frame) L.rectangle(frame, { color: '#0b5d4b', weight: 1, fill: false, dashArray: '4' }).addTo(map);
    L.circle(point, { radius: 300, color: '#dc3545', weight: 1 }).addTo(map);
    L.marker(point, { title: box.dataset.markerTitle || '' }).addTo(map);
  });
})();
