// Slugs from titles: Django's URLify drops dashes and "+" inside words
// ("Japan–Russia 2+2" became "japanrussia-22"); read them as the words they stand for.
(function () {
  "use strict";
  const urlify = window.URLify;
  if (typeof urlify !== "function") {
    return;
  }
  window.URLify = function (text, length, allowUnicode) {
    const spelled = String(text)
      .replace(/[\u2010-\u2015\u2212\/\\]/g, " ")
      .replace(/\+/g, " plus ")
      .replace(/&/g, " and ");
    return urlify(spelled, length, allowUnicode);
  };
})();
