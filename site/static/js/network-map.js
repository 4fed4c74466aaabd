// The directory's map: the offline drawing of the island stays until the reader asks for the
// real map. Only then are Leaflet (from this site) and OpenStreetMap's tiles (from theirs) loaded.
(function () {
  "use strict";

  var section = document.querySelector("[data-network-map]");
  var data = document.getElementById("network-map-data");
  if (!section || !data) {
    return;
  }
  var places = JSON.parse(data.textContent);
  var controls = section.querySelector("[data-network-map-controls]");
  var button = section.querySelector("[data-network-map-open]");
  var canvas = section.querySelector("[data-network-map-canvas]");
  if (!places.length) {
    return;
  }
  controls.hidden = false;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) {
        element[name] = attributes[name];
      });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function popup(place) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = place.url;
    link.textContent = place.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    var count = document.createElement("p");
    count.textContent = place.summary;
    box.appendChild(count);
    var list = document.createElement("ul");
    place.services.forEach(function (service) {
      var item = document.createElement("li");
      item.textContent = service.name + " (" + service.organisation + ")";
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function draw() {
    var map = document.createElement("div");
    map.className = "network-map__leaflet";
    map.setAttribute("role", "region");
    map.setAttribute("aria-label", section.dataset.mapLabel);
    canvas.replaceChildren(map);
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var leaflet = window.L.map(map, {
      scrollWheelZoom: false,
      fadeAnimation: !still,
      zoomAnimation: !still,
      markerZoomAnimation: !still,
    });
    window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      // OpenStreetMap asks who uses its tiles: our address, never the page's (its filters).
      referrerPolicy: "strict-origin",
      attribution: '<a href="https://www.openstreetmap.org/copyright">' + section.dataset.attribution + "</a>",
    }).addTo(leaflet);
    // On a phone the popup leaves room for the zoom buttons, on the left.
    var width = Math.max(160, Math.min(260, map.clientWidth - 140));
    var bounds = [];
    places.forEach(function (place) {
      var point = [parseFloat(place.lat), parseFloat(place.lon)];
      bounds.push(point);
      // Leaflet's markers are focusable and open their popup with Enter; alt names them.
      window.L.marker(point, { title: place.name, alt: place.name, keyboard: true })
        .bindPopup(popup(place), { maxWidth: width, autoPanPaddingTopLeft: [56, 12], autoPanPaddingBottomRight: [12, 12] })
        .addTo(leaflet);
    });
    leaflet.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    Promise.all([
      load("link", { rel: "stylesheet", href: section.dataset.leafletCss }),
      window.L ? Promise.resolve() : load("script", { src: section.dataset.leafletJs }),
    ]).then(function () {
      draw();
      controls.hidden = true;
      canvas.querySelector(".network-map__leaflet").focus();
    }, function () {
      button.disabled = false;
    });
  });
})();
