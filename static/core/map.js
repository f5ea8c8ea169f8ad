/* Progressive enhancement: the list is the content, the map only helps.
   <div id="map" hidden data-tiles="..." data-attribution="..." data-points="json-script-id" data-src="url"> */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  function draw(points) {
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false }).setView([50.85, 4.35], 8);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "", referrerPolicy: "strict-origin-when-cross-origin" }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (p) {
      if (p.lat === null || p.lon === null) { return; }
      var marker = L.circleMarker([p.lat, p.lon], { radius: 7, color: "#0b5d4b", weight: 2, fillOpacity: 0.7 });
      var link = document.createElement("a");
      link.href = p.url; link.textContent = p.name;
      marker.bindPopup(link).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    // No zoom animation on load: it is distracting, and a screenshot would catch it half-way.
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12, animate: false }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 11, { animate: false }); }
  }
  if (el.dataset.points) {
    var island = document.getElementById(el.dataset.points);
    draw(island ? JSON.parse(island.textContent) : []);
  } else if (el.dataset.src) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { draw(data.groups || []); })
      .catch(function () { el.hidden = true; });
  }
})();
