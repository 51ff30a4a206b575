/*
 * Glossary tooltips for keyboard users. Terms get their definition from Python-Markdown's `abbr`
 * (definitions appended per language by macros/glossary.py); Material's `content.tooltips` shows
 * them on hover and on focus, but an <abbr> cannot take focus by itself. Make the first
 * occurrence of each term in the article focusable (not every one: a page has dozens of "MoE",
 * and a tab stop on each would bury the links). Runs on every page load (no instant navigation).
 */
(function () {
  "use strict";

  function enable() {
    var seen = Object.create(null);
    var terms = document.querySelectorAll("article abbr[title]");
    Array.prototype.forEach.call(terms, function (abbr) {
      var key = abbr.textContent;
      if (seen[key] || abbr.closest("a")) return;
      seen[key] = true;
      abbr.setAttribute("tabindex", "0");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enable);
  } else {
    enable();
  }
})();
