// Admin map point (wagtailgeowidget LeafletField): a click on the map places the point, as a
// drag of the marker already does; the marker is drawn in SVG so that it never depends on
// Leaflet's image path detection (broken by hashed static file names).
(function () {
  "use strict";
  if (typeof LeafletField === "undefined" || typeof L === "undefined") return;
  var PIN =
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="38" viewBox="0 0 26 38" aria-hidden="true" focusable="false">' +
    '<path d="M13 1C6.4 1 1 6.3 1 12.9 1 22 13 37 13 37s12-15 12-24.1C25 6.3 19.6 1 13 1z" fill="#1d5a8c" stroke="#fff" stroke-width="2"/>' +
    '<circle cx="13" cy="13" r="4.5" fill="#fff"/></svg>';
  var originalInitMap = LeafletField.prototype.initMap;
  var originalInitEvents = LeafletField.prototype.initEvents;

  LeafletField.prototype.initMap = function (mapEl, defaultLocation) {
    originalInitMap.call(this, mapEl, defaultLocation);
    this.marker.setIcon(
      L.divIcon({ className: "map-pin", html: PIN, iconSize: [26, 38], iconAnchor: [13, 37] })
    );
  };

  LeafletField.prototype.initEvents = function () {
    originalInitEvents.call(this);
    var self = this;
    self.map.on("click", function (event) {
      self.setMapPosition(event.latlng);
      self.updateLatLng(event.latlng);
      self.writeLocation(event.latlng);
    });
  };
})();
