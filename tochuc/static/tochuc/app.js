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
