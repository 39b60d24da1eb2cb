/*
 * Progressive enhancement for maps: a server-rendered page (lists, tables, forms) stays
 * complete without JavaScript; this script adds a Leaflet map where a container asks for it.
 * Requires static/vendor/leaflet/leaflet.js (and leaflet.css) loaded before this file.
 *
 * Markup: <div class="map" data-...></div>  — every attribute is optional.
 *
 *   data-map-label="…"            accessible name of the map (aria-label on the container).
 *   data-tile-url="https://…/{z}/{x}/{y}.png"   tile layer (settings.MAP_TILE_URL); no tiles if absent.
 *   data-tile-attribution="…"     attribution HTML the tile server requires.
 *   data-map-center="lat,lng"     initial centre (default: the PETR, Cahors).
 *   data-map-zoom="10"            initial zoom.
 *   data-map-points="ID"          id of a {{ …|json_script:"ID" }} element holding a list of
 *                                 {"lat": 44.4, "lng": 1.4, "title": "…", "url": "/…", "text": "…"}.
 *                                 Each point becomes a keyboard-focusable marker whose popup
 *                                 shows the title (a link to url when given) and the text.
 *   data-map-geojson="ID"         id of a json_script element holding a GeoJSON FeatureCollection.
 *                                 Feature properties used: "color" (fill and stroke), "title",
 *                                 "url", "text" (popup, same as points).
 *   data-map-geojson-url="/…"      URL of a GeoJSON FeatureCollection fetched after the page has
 *                                 loaded (large point sets stay out of the HTML). Point features
 *                                 become markers like data-map-points ("title", "url", "text"
 *                                 properties); other geometries are drawn like data-map-geojson.
 *   data-map-fit="true"           fit the view to the points and polygons (default when any).
 *   data-map-marker-label="…"     accessible name of the picker's marker (default: the map's).
 *   data-map-picker="LAT_ID,LNG_ID"   point picker for forms: a click (or Enter on the
 *                                 focused map: its centre) places a marker and writes the
 *                                 latitude and longitude into the inputs with these ids; the
 *                                 marker starts from the inputs' values and can be dragged.
 *
 * When tiles fail to load, the container gets the class "map--no-tiles": points and polygons
 * still show, and the page's tables remain the accessible equivalent.
 */
(function () {
  "use strict";

  var DEFAULT_CENTER = [44.4475, 1.4419];
  var DEFAULT_ZOOM = 10;
  var PIN =
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="38" viewBox="0 0 26 38" aria-hidden="true" focusable="false">' +
    '<path d="M13 1C6.4 1 1 6.3 1 12.9 1 22 13 37 13 37s12-15 12-24.1C25 6.3 19.6 1 13 1z" fill="#1d5a8c" stroke="#fff" stroke-width="2"/>' +
    '<circle cx="13" cy="13" r="4.5" fill="#fff"/></svg>';

  function readJson(id) {
    if (!id) return null;
    var element = document.getElementById(id);
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function escapeHtml(value) {
    return String(value == null ? "" : value)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function popupHtml(item) {
    var title = escapeHtml(item.title);
    var html = item.url
      ? '<a href="' + escapeHtml(item.url) + '">' + title + "</a>"
      : "<strong>" + title + "</strong>";
    if (item.text) html += "<br>" + escapeHtml(item.text);
    return html;
  }

  function pinIcon() {
    return L.divIcon({
      className: "map-pin",
      html: PIN,
      iconSize: [26, 38],
      iconAnchor: [13, 37],
      popupAnchor: [0, -34],
    });
  }

  function parseCenter(value) {
    if (!value) return DEFAULT_CENTER;
    var parts = value.split(",").map(parseFloat);
    return parts.length === 2 && !isNaN(parts[0]) && !isNaN(parts[1]) ? parts : DEFAULT_CENTER;
  }

  function addTiles(map, container) {
    var url = container.dataset.tileUrl;
    if (!url) {
      container.classList.add("map--no-tiles");
      return;
    }
    var layer = L.tileLayer(url, {
      attribution: container.dataset.tileAttribution || "",
      maxZoom: 19,
    });
    var failures = 0;
    layer.on("tileerror", function () {
      failures += 1;
      if (failures >= 4) container.classList.add("map--no-tiles");
    });
    layer.addTo(map);
  }

  function pointMarker(latlng, item) {
    var marker = L.marker(latlng, {
      icon: pinIcon(),
      title: item.title || "",
      alt: item.title || "",
      keyboard: true,
    });
    marker.bindPopup(popupHtml(item));
    return marker;
  }

  function addPoints(map, points, bounds) {
    (points || []).forEach(function (point) {
      if (point.lat == null || point.lng == null) return;
      pointMarker([point.lat, point.lng], point).addTo(map);
      bounds.push([point.lat, point.lng]);
    });
  }

  function addGeoJson(map, data, bounds) {
    if (!data) return;
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return pointMarker(latlng, feature.properties || {});
      },
      style: function (feature) {
        var color = (feature.properties && feature.properties.color) || "#1d5a8c";
        return { color: color, weight: 1, fillColor: color, fillOpacity: 0.45 };
      },
      onEachFeature: function (feature, featureLayer) {
        if (feature.geometry && feature.geometry.type === "Point") return;
        if (feature.properties && feature.properties.title) {
          featureLayer.bindPopup(popupHtml(feature.properties));
        }
      },
    }).addTo(map);
    var layerBounds = layer.getBounds();
    if (layerBounds.isValid()) {
      bounds.push(layerBounds.getSouthWest(), layerBounds.getNorthEast());
    }
  }

  function setupPicker(map, container) {
    var ids = container.dataset.mapPicker.split(",");
    var latInput = document.getElementById(ids[0]);
    var lngInput = document.getElementById(ids[1]);
    if (!latInput || !lngInput) return;
    var marker = null;

    function place(latlng, write) {
      if (!marker) {
        // A focusable marker needs a name (axe: aria-command-name).
        var label = container.dataset.mapMarkerLabel || container.getAttribute("aria-label") || "";
        marker = L.marker(latlng, {
          icon: pinIcon(),
          draggable: true,
          keyboard: true,
          title: label,
          alt: label,
        }).addTo(map);
        marker.on("dragend", function () {
          place(marker.getLatLng(), true);
        });
      } else {
        marker.setLatLng(latlng);
      }
      if (write) {
        latInput.value = latlng.lat.toFixed(6);
        lngInput.value = latlng.lng.toFixed(6);
        latInput.dispatchEvent(new Event("change", { bubbles: true }));
        lngInput.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    var lat = parseFloat(latInput.value);
    var lng = parseFloat(lngInput.value);
    if (!isNaN(lat) && !isNaN(lng)) {
      place(L.latLng(lat, lng), false);
      map.setView([lat, lng], Math.max(map.getZoom(), 13));
    }
    map.on("click", function (event) {
      place(event.latlng, true);
    });
    container.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === container) {
        place(map.getCenter(), true);
      }
    });
    function fromInputs() {
      var newLat = parseFloat(latInput.value);
      var newLng = parseFloat(lngInput.value);
      if (!isNaN(newLat) && !isNaN(newLng)) place(L.latLng(newLat, newLng), false);
    }
    latInput.addEventListener("input", fromInputs);
    lngInput.addEventListener("input", fromInputs);
  }

  function init(container) {
    if (container.dataset.mapReady) return;
    container.dataset.mapReady = "true";
    if (container.dataset.mapLabel) {
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", container.dataset.mapLabel);
    }
    var map = L.map(container, {
      center: parseCenter(container.dataset.mapCenter),
      zoom: parseInt(container.dataset.mapZoom, 10) || DEFAULT_ZOOM,
      scrollWheelZoom: false,
      zoomControl: false,
    });
    L.control
      .zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" })
      .addTo(map);
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com/" hreflang="en">Leaflet</a>'
    );
    addTiles(map, container);
    var bounds = [];
    addGeoJson(map, readJson(container.dataset.mapGeojson), bounds);
    addPoints(map, readJson(container.dataset.mapPoints), bounds);
    fit(map, container, bounds);
    if (container.dataset.mapGeojsonUrl) loadGeoJson(map, container, bounds);
    if (container.dataset.mapPicker) setupPicker(map, container);
    container.leafletMap = map;
  }

  function fit(map, container, bounds) {
    if (bounds.length && container.dataset.mapFit !== "false") {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
    }
  }

  function loadGeoJson(map, container, bounds) {
    container.setAttribute("aria-busy", "true");
    fetch(container.dataset.mapGeojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        addGeoJson(map, data, bounds);
        fit(map, container, bounds);
      })
      .catch(function () {
        container.classList.add("map--no-data");
      })
      .then(function () {
        container.removeAttribute("aria-busy");
        container.dispatchEvent(new CustomEvent("map:loaded"));
      });
  }

  function initAll() {
    if (typeof L === "undefined") return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-points], [data-map-geojson], [data-map-geojson-url], [data-map-picker], .map[data-tile-url]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
