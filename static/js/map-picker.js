/* Leaflet location pickers. A click or a drag sets the marker and fills the coordinate
   inputs; typing coordinates moves the marker. The province's bounds are drawn as a frame, so
   the map is usable (and the check works) even when no map tiles can be loaded.
   Markup: <div data-map-picker data-lat="latitude" data-lng="longitude" data-bounds="a,b,c,d"
   data-tiles="url|none"><div class="map-canvas"></div></div>; geopoint fields of permit forms
   ([data-geopoint] with [data-geo=lat]/[data-geo=lng] inputs) get a small map too. */
(function () {
  'use strict';
  function num(value) {
    var text = String(value || '').trim().replace(',', '.');
    if (!text) return null;
    var n = Number(text);
    return isFinite(n) ? n : null;
  }
  function fire(input) {
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  function attach(canvas, lat, lng, options) {
    var b = (options.bounds || '-2.6,113.8,2.6,119.1').split(',').map(Number);
    var bounds = window.L ? L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : null;
    var warning = options.warning;
    function inside(la, ln) { return la >= b[0] && la <= b[2] && ln >= b[1] && ln <= b[3]; }
    function warn(la, ln) {
      if (!warning) return;
      var out = la !== null && ln !== null && !inside(la, ln);
      warning.hidden = !out;
      warning.textContent = out ? options.outOfBounds : '';
    }
    if (!window.L) {
      var fallback = document.createElement('div');
      fallback.className = 'map-fallback';
      fallback.textContent = window.eptspTexts('map')('unavailable');
      canvas.textContent = '';
      canvas.appendChild(fallback);
      return;
    }
    var map = L.map(canvas, { scrollWheelZoom: false });
    map.fitBounds(bounds);
    if (options.tiles && options.tiles !== 'none') {
      L.tileLayer(options.tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map);
    }
    L.rectangle(bounds, { color: '#0b5d4b', weight: 1, fill: false, dashArray: '4' }).addTo(map);
    var marker = null;
    function place(la, ln, pan) {
      if (la === null || ln === null || Math.abs(la) > 90 || Math.abs(ln) > 180) return;
      if (!marker) {
        marker = L.marker([la, ln], { draggable: true, keyboard: true }).addTo(map);
        marker.on('dragend', function () {
          var p = marker.getLatLng();
          write(p.lat, p.lng);
        });
      } else {
        marker.setLatLng([la, ln]);
      }
      if (pan) map.panTo([la, ln]);
      warn(la, ln);
    }
    function write(la, ln) {
      lat.value = la.toFixed(6);
      lng.value = ln.toFixed(6);
      fire(lat);
      fire(lng);
      warn(la, ln);
    }
    map.on('click', function (e) {
      write(e.latlng.lat, e.latlng.lng);
      place(e.latlng.lat, e.latlng.lng, false);
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener('input', function (e) {
        if (e.isTrusted === false) return;
        place(num(lat.value), num(lng.value), true);
      });
    });
    place(num(lat.value), num(lng.value), true);
    canvas.mapPicker = map;
  }
  document.querySelectorAll('[data-map-picker]').forEach(function (box) {
    var form = box.closest('form') || document;
    attach(box.querySelector('.map-canvas'),
      form.querySelector('[name="' + box.dataset.lat + '"]'),
      form.querySelector('[name="' + box.dataset.lng + '"]'),
      { bounds: box.dataset.bounds, tiles: box.dataset.tiles, outOfBounds: box.dataset.outOfBounds,
        warning: form.querySelector('[data-map-warning]') });
  });
  var picker = document.querySelector('[data-map-picker]');
  document.querySelectorAll('[data-geopoint]').forEach(function (box) {
    var canvas = document.createElement('div');
    canvas.className = 'map-canvas border rounded mt-2';
    canvas.style.height = '260px';
    canvas.setAttribute('role', 'application');
    box.appendChild(canvas);
    attach(canvas, box.querySelector('[data-geo=lat]'), box.querySelector('[data-geo=lng]'),
      { bounds: box.dataset.bounds || (picker && picker.dataset.bounds),
        tiles: box.dataset.tiles || (picker && picker.dataset.tiles) || document.body.dataset.mapTiles });
  });
})();
