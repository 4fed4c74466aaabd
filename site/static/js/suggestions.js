// Suggestions as you type on the search form: an ARIA 1.2 combobox over /recherche/suggestions/.
// Progressive enhancement only: without this file the form submits as usual.
(function () {
  "use strict";

  var form = document.querySelector("form[data-suggestions]");
  var input = form && form.querySelector("input[type=search]");
  if (!input || !window.fetch) {
    return;
  }
  var endpoint = form.getAttribute("data-suggestions");
  var listId = input.id + "-suggestions";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.getAttribute("data-suggestions-label"));
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.insertAdjacentElement("afterend", list);
  list.insertAdjacentElement("afterend", status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  var active = -1;
  var timer = null;
  var asked = "";
  var submitted = false;

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = options();
    if (!items.length) {
      return;
    }
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", String(i === active));
    }
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (suggestion, index) {
      var option = document.createElement("li");
      option.id = listId + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", suggestion.url);
      option.textContent = suggestion.title + " ";
      var kind = document.createElement("span");
      kind.className = "suggestions__kind";
      kind.textContent = "(" + suggestion.kind + ")";
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        window.location.assign(suggestion.url);
      });
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = form.getAttribute("data-suggestions-status").replace("{count}", suggestions.length);
    } else {
      close();
      status.textContent = "";
    }
  }

  function ask() {
    if (submitted) {
      return; // the page is leaving: a request now would only be cut off
    }
    var query = input.value.trim();
    if (query.length < 2) {
      asked = query;
      show([]);
      return;
    }
    if (query === asked) {
      return;
    }
    asked = query;
    fetch(endpoint + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (data.query === input.value.trim().slice(0, data.query.length) && input.value.trim() === asked) {
          show(data.suggestions);
        }
      })
      .catch(function () {
        show([]);
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && options().length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (open) {
        highlight(active - 1);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      }
    } else if (event.key === "Enter") {
      var items = options();
      if (open && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.assign(items[active].getAttribute("data-url"));
      }
      // Otherwise the form submits the words typed, as without JavaScript.
    }
  });

  form.addEventListener("submit", function () {
    submitted = true;
    window.clearTimeout(timer);
  });
  // Back to this page from the browser's cache: the field asks again.
  window.addEventListener("pageshow", function () {
    submitted = false;
  });

  input.addEventListener("blur", function () {
    window.setTimeout(close, 100);
  });
})();
