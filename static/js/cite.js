// "Copy citation": progressive enhancement. Without JavaScript the button stays hidden
// and the citation can be selected in its read-only text box. The messages come in
// the page's language from the button's data-copied and data-select attributes.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector(".copy-status");
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function (message) {
        if (status) {
          status.textContent = message;
        }
      };
      var fallback = function () {
        source.focus();
        source.select();
        done(button.dataset.select || "Selected: press Ctrl+C (⌘C on a Mac) to copy.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(function () {
          done(button.dataset.copied || "Citation copied.");
        }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
