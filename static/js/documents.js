// The language switch of a document page: progressive enhancement. Without
// JavaScript every language is shown (side by side on a wide screen, one after the
// other on a phone). With it, a phone shows one language at a time, chosen here; on
// a wide screen the switch is hidden by the stylesheet and all columns stay.
(function () {
  "use strict";
  var KEY = "document-language";
  document.querySelectorAll(".language-switch[data-for]").forEach(function (bar) {
    var target = document.getElementById(bar.dataset.for);
    var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-language]"));
    if (!target || buttons.length < 3) {
      return; // one language and "All": nothing to switch
    }
    var show = function (code) {
      target.querySelectorAll(".article-text").forEach(function (cell) {
        cell.classList.toggle("is-hidden-narrow", code !== "" && cell.dataset.language !== code);
      });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.language === code));
      });
      try {
        window.sessionStorage.setItem(KEY, code);
      } catch (error) {
        // Storage may be off; the choice then lasts for this page only.
      }
    };
    var codes = buttons.map(function (button) { return button.dataset.language; });
    var saved = null;
    try {
      saved = window.sessionStorage.getItem(KEY);
    } catch (error) {
      saved = null;
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.dataset.language); });
    });
    bar.hidden = false;
    show(saved !== null && codes.indexOf(saved) !== -1 ? saved : codes[0]);
  });
})();
