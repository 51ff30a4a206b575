/*
 * Glossary tooltips for keyboard and touch. The build wraps the first use of each glossary term in
 * a page in <abbr title="…"> (macros/render/glossary.py, Chinese terms included); the browser
 * shows the title on hover, and site.css draws it below a focused term, but an <abbr> cannot take
 * focus by itself. Make each one focusable: Tab reaches it, and a tap on a phone focuses it, which
 * opens the tooltip. (Terms inside links are left alone: the link takes the focus.) Runs on every page load
 * (no instant navigation).
 */
(function () {
  "use strict";

  function enable() {
    var seen = Object.create(null);
    var terms = document.querySelectorAll("article abbr[title]");
    Array.prototype.forEach.call(terms, function (abbr) {
      var key = abbr.getAttribute("data-term") || abbr.textContent;
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
