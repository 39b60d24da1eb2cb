// Participation: optional enhancements only; every form works without this file.
(function () {
  "use strict";
  // Maps are hidden until JavaScript can draw them; the latitude/longitude fields remain.
  Array.prototype.forEach.call(document.querySelectorAll(".participation-map[hidden]"), function (map) {
    map.hidden = false;
  });
  // Remaining characters under limited text areas, announced politely.
  Array.prototype.forEach.call(document.querySelectorAll(".participation-form textarea[maxlength]"), function (area) {
    var limit = parseInt(area.getAttribute("maxlength"), 10);
    var counter = document.createElement("p");
    counter.className = "helptext";
    counter.setAttribute("aria-live", "polite");
    counter.id = area.id + "_counter";
    area.insertAdjacentElement("afterend", counter);
    function update() {
      counter.textContent = (limit - area.value.length) + " caractères restants";
    }
    area.addEventListener("input", update);
    update();
  });
})();
