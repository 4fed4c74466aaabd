// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Fold the main menu behind a button on small screens.
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    var small = window.matchMedia("(max-width: 47.99em)");
    var sync = function () {
      if (small.matches) {
        toggle.hidden = false;
        nav.hidden = toggle.getAttribute("aria-expanded") !== "true";
      } else {
        toggle.hidden = true;
        nav.hidden = false;
      }
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      sync();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && small.matches && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        sync();
        toggle.focus();
      }
    });
    small.addEventListener("change", sync);
    sync();
  }

  // A print button where the page offers one (the browser's own print works without it).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Move focus to the error summary so it is read out first.
  var errors = document.getElementById("form-errors");
  if (errors) {
    errors.focus();
  }
})();
