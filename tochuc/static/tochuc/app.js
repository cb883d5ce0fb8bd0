// Tree: expand a unit in place (children load once), collapse it again.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.toggle");
    if (!button) return;
    var item = button.closest("li");
    var list = item.querySelector(":scope > ul.subtree");
    var open = button.getAttribute("aria-expanded") === "true";
    if (open) {
      list.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    button.setAttribute("aria-expanded", "true");
    list.hidden = false;
    if (!list.dataset.loaded) {
      list.dataset.loaded = "1";
      window.htmx.ajax("GET", button.dataset.children, { target: list, swap: "innerHTML" });
    }
  });
  // A form that asks before a destructive action.
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
// The language switch submits itself when a language is chosen.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
// Dates are typed dd/mm/yyyy; a calendar button beside the field offers the browser's picker.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // A drawn calendar: emoji fonts are missing on many office machines.
  function calendarIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM7 12h3v3H7v-3Z");
    svg.appendChild(path);
    return svg;
  }
  function attach(root) {
    root.querySelectorAll("input.date:not([data-picker])").forEach(function (input) {
      input.dataset.picker = "1";
      var picker = document.createElement("input");
      picker.type = "date";
      picker.className = "date-picker";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn date-button";
      button.appendChild(calendarIcon());
      button.setAttribute("aria-label", input.dataset.pickerLabel || "Chọn ngày");
      button.addEventListener("click", function () {
        var m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(input.value);
        if (m) picker.value = m[3] + "-" + m[2] + "-" + m[1];
        if (picker.showPicker) picker.showPicker(); else picker.focus();
      });
      picker.addEventListener("change", function () {
        var parts = picker.value.split("-");
        if (parts.length === 3) input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      });
      var wrap = document.createElement("span");
      wrap.className = "date-wrap";
      input.parentNode.insertBefore(wrap, input);
      wrap.appendChild(input);
      wrap.appendChild(button);
      wrap.appendChild(picker);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { attach(document); });
  document.addEventListener("htmx:load", function (event) { attach(event.target); });
})();
// Small screens: the navigation folds behind the menu button (without script, the button's
// link to #sidenav opens it through :target).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[aria-controls='sidenav']");
    if (!toggle) return;
    var nav = document.getElementById("sidenav");
    if (!nav) return;
    event.preventDefault();
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var first = nav.querySelector("a");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var nav = document.getElementById("sidenav");
    var toggle = document.querySelector("[aria-controls='sidenav']");
    if (nav && toggle && nav.classList.contains("open")) {
      nav.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();
