/* WebGIS Perizinan: asks the server only for the viewport (bbox + zoom + filters) and draws
   what comes back: pre-counted clusters (numbers; click to zoom in) and single permits
   (markers, clustered again in the browser by Leaflet.markercluster; click for a popup read
   from the server by id). Without tiles (MAP_TILE_URL=none or unreachable) the map keeps a
   frame of the province and a 1-degree grid, so it stays usable offline. */
(function () {
  'use strict';
  var box = document.getElementById('webgis-map');
  if (!box || !window.L) { return; }
  var d = box.dataset;
  var form = document.getElementById('webgis-filters');
  var summary = document.getElementById('webgis-summary');
  var notice = document.getElementById('webgis-notice');
  var b = d.bounds.split(',').map(Number);
  var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  var map = L.map(box, { maxZoom: 19, minZoom: 4, zoomSnap: 1 });
  // #zoom/lat/lng in the address opens (and shares) a view; otherwise the whole province
  var view = /^#(\d{1,2})\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(window.location.hash);
  if (view) { map.setView([Number(view[2]), Number(view[3])], Number(view[1])); } else { map.fitBounds(bounds); }

  function showNotice(text) { notice.textContent = text; notice.hidden = false; }
  if (d.tiles && d.tiles !== 'none') {
    var failed = 0;
    var tiles = L.tileLayer(d.tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap' });
    tiles.on('tileerror', function () { failed += 1; if (failed === 4) { showNotice(d.textNotiles); } });
    tiles.addTo(map);
  } else {
    showNotice(d.textNotiles);
  }
  var frame = { interactive: false, color: '#5d7a71', weight: 1, opacity: 0.5 };
  for (var lat = Math.floor(b[0]) - 2; lat <= Math.ceil(b[2]) + 2; lat += 1) {
    L.polyline([[lat, b[1] - 4], [lat, b[3] + 4]], frame).addTo(map);
  }
  for (var lng = Math.floor(b[1]) - 4; lng <= Math.ceil(b[3]) + 4; lng += 1) {
    L.polyline([[b[0] - 2, lng], [b[2] + 2, lng]], frame).addTo(map);
  }
  L.rectangle(bounds, { interactive: false, color: '#0b5d4b', weight: 2, dashArray: '6 4', fill: false }).addTo(map);

  var colors = {};
  JSON.parse(d.legend || '[]').forEach(function (item) { colors[item.code] = item.color; });
  // server clusters and single permits go into one Leaflet.markercluster group, which merges
  // neighbours on screen and adds up their counts
  function weight(marker) { return marker.options.count || 1; }
  var points = L.markerClusterGroup({
    maxClusterRadius: 56, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (group) {
      var total = group.getAllChildMarkers().reduce(function (n, m) { return n + weight(m); }, 0);
      return clusterIcon(total);
    }
  });
  map.addLayer(points);

  function number(n) { return Number(n).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID'); }
  function clusterIcon(count) {
    var size = count < 10 ? 'small' : (count < 1000 ? 'medium' : 'large');
    var px = count < 10 ? 34 : (count < 1000 ? 42 : 52);
    var inner = document.createElement('div');
    var label = document.createElement('span');
    var english = document.documentElement.lang === 'en';
    label.textContent = count >= 1000 ? (count / 1000).toFixed(count >= 10000 ? 0 : 1)
      .replace('.', english ? '.' : ',') + (english ? 'k' : 'rb') : number(count);
    inner.appendChild(label);
    return L.divIcon({ html: inner.outerHTML, className: 'marker-cluster marker-cluster-' + size, iconSize: L.point(px, px) });
  }
  function pointIcon(sector) {
    var color = colors[sector] || '#0b5d4b';
    return L.divIcon({ html: '<span class="permit-pin" style="background:' + color + '"></span>', className: 'permit-marker', iconSize: L.point(20, 20) });
  }
  function row(list, label, value) {
    if (!value) { return; }
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }
  // the popup's content is read from the server first, then the popup opens (so Leaflet can
  // pan it into view with its real size)
  function openPopup(event) {
    var marker = event.target;
    if (marker.getPopup()) { return; }
    fetch(d.popupUrl.replace(/0$/, String(marker.pointId)), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (info) {
        var wrap = document.createElement('div');
        wrap.className = 'permit-popup';
        var title = document.createElement('strong');
        title.textContent = info.permit;
        wrap.appendChild(title);
        var list = document.createElement('dl');
        row(list, info.labels.number, info.number);
        row(list, info.labels.issued_on, info.issued_on);
        row(list, info.labels.region, info.region);
        row(list, info.labels.agency, info.agency);
        row(list, info.labels.sector, info.sector);
        wrap.appendChild(list);
        return wrap;
      })
      .catch(function () { return d.textError; })
      .then(function (content) {
        marker.bindPopup(content, { minWidth: 220, maxWidth: 300 }).openPopup();
      });
  }

  var controller = null;
  var timer = null;
  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value) { params.set(key, value); } });
    var view = map.getBounds();
    params.set('bbox', [view.getSouth(), view.getWest(), view.getNorth(), view.getEast()]
      .map(function (n) { return n.toFixed(5); }).join(','));
    params.set('zoom', String(map.getZoom()));
    return params.toString();
  }
  function draw(data) {
    points.clearLayers();
    var markers = data.clusters.map(function (c) {
      var m = L.marker([c[0], c[1]], { icon: clusterIcon(c[2]), count: c[2], title: d.textZoom.replace('{n}', number(c[2])), riseOnHover: true });
      m.on('click', function () { map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, 19)); });
      return m;
    });
    points.addLayers(markers.concat(data.points.map(function (p) {
      var m = L.marker([p[1], p[2]], { icon: pointIcon(p[3]), title: d.textPermit });
      m.pointId = p[0];
      m.on('click', openPopup);
      return m;
    })));
    var said = Number(data.total) === 1 ? d.textSummaryOne : d.textSummaryOther;
    summary.textContent = said.replace('{n}', number(data.total));
    box.dataset.state = 'ready';
    box.dataset.total = String(data.total);
  }
  function load() {
    box.dataset.state = 'loading';
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(d.dataUrl + '?' + query(), { headers: { Accept: 'application/json' }, signal: controller && controller.signal })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(draw)
      .catch(function (e) {
        if (e && e.name === 'AbortError') { return; }
        summary.textContent = d.textError;
        box.dataset.state = 'error';
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(load, 120); }
  map.on('moveend', function () {
    var c = map.getCenter();
    history.replaceState(null, '', '#' + map.getZoom() + '/' + c.lat.toFixed(5) + '/' + c.lng.toFixed(5));
  });
  map.on('moveend', later);
  // the chosen filters in the address (?izin=...&tahun=...), so a filtered map can be shared;
  // the page marked the ones it was opened with, and other parameters (?_l_=) stay
  function keepFilters() {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      if (el.value) { params.set(el.name, el.value); } else { params.delete(el.name); }
    });
    var search = params.toString();
    history.replaceState(null, '', window.location.pathname + (search ? '?' + search : '') + window.location.hash);
  }
  form.addEventListener('change', function () { keepFilters(); later(); });
  // "Atur ulang" means every filter back to "Semua", also those the address opened with
  // (a plain reset would bring those back)
  form.addEventListener('reset', function (e) {
    e.preventDefault();
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) { el.value = ''; } });
    keepFilters();
    later();
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); later(); });
  load();
})();
