/*
 * Language fixes for Material + mkdocs-static-i18n. Loaded by overrides/main.html right before
 * Material's bundle, so the patches are in place before the bundle creates
 * its search worker and starts its requests (extra_javascript would run after the bundle: a race).
 *
 * 1. Search: static-i18n writes ONE search index for both languages. Fetch the page language's
 *    own index instead (search/search_index.<lang>.json, written by overrides/hooks/
 *    search_index.py: half the download), and before the index reaches Material's search
 *    worker keep only that language's entries (a safety net if the merged file is served), so
 *    English readers never get Chinese hits and vice versa. Also segment Chinese queries into
 *    whole index words before Material does (see fixHanQuery), which keeps them whole and avoids
 *    Material's "Missing: 后*" under every result.
 * 2. Language switcher: static-i18n already points it at the same page in the other language;
 *    add the heading the reader is at (the URL's #anchor if it is on screen, else the active
 *    table-of-contents entry). Heading ids are identical in both languages by convention.
 * 3. Material's own "stay on page" code fetches `<alternate link>/sitemap.xml`, which with
 *    static-i18n's per-page alternate links is a 404 on every page (two console errors per page).
 *    Item 2 does its job, so those requests are answered with an empty sitemap without touching
 *    the network.
 * 4. The search dialog gets an accessible name.
 * 5. The search index is fetched when the reader heads for search, not on every page view.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  // This file is served from <site root>/assets/javascripts/.
  var root = new URL("../../", script.src).pathname;
  var pageLang = document.documentElement.lang;
  var langs = Array.prototype.map.call(
    document.querySelectorAll("link[rel=alternate][hreflang]"),
    function (link) { return link.hreflang; }
  );

  // "" for the default language (built at the root), else the locale prefix, e.g. "en".
  function prefixOf(path) {
    var first = path.split("/")[0];
    return langs.indexOf(first) >= 0 ? first : "";
  }

  var here = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
  var pagePrefix = prefixOf(here) === pageLang ? pageLang : "";

  // 1. Search: the index per language, and whole Chinese words in queries.
  var SETUP = 0, QUERY = 2;  // Material's search worker message types
  var SENTINEL = "\u3007";   // 〇, a Han character that only ever ends the query
  var hanTokens = new Set();
  var indexed = null;

  function keepDoc(doc) {
    return langs.length < 2 || prefixOf(String(doc.location)) === pagePrefix;
  }

  // Material's own segmentation of a Chinese query has two faults. It never tests a whole run (its
  // loop stops one character short), so 专家 is searched as 专* 家. And it joins the pieces of a run
  // with "* " and then appends its own "*" to every term, so each piece but the last becomes a term
  // like "后**" that no word starts with: 后训练 listed every result as "缺少: 后*" (Missing). So the
  // run is segmented here, into the longest index tokens, separated by spaces: Material then sees
  // one token per run. A token of two or more characters gets a trailing sentinel, which makes
  // Material test it whole; the sentinel itself is never part of the term it searches. The words of
  // one run are required together (+后 +训练): the reader typed one word, so a page must have both.
  function fixHanQuery(query) {
    if (indexed) {  // the index's Chinese tokens, collected at the first query (not at page load)
      indexed.docs.forEach(function (doc) {
        String(doc.title + " " + doc.text).split(indexed.separator).forEach(function (token) {
          if (/^\p{sc=Han}+$/u.test(token)) hanTokens.add(token);
        });
      });
      indexed = null;
    }
    return query.replace(/\p{sc=Han}+/gu, function (run) {
      var pieces = [], unknown = "", i = 0;
      while (i < run.length) {
        var end = run.length;
        while (end > i && !hanTokens.has(run.slice(i, end))) end--;
        if (end === i) {  // no token starts here: leave these characters to Material
          unknown += run[i++];
          continue;
        }
        if (unknown) pieces.push(unknown);
        unknown = "";
        pieces.push({ token: run.slice(i, end) });
        i = end;
      }
      if (unknown) pieces.push(unknown);
      var together = pieces.length > 1 ? "+" : "";
      return pieces.map(function (piece) {
        if (typeof piece === "string") return piece;
        return together + piece.token + (piece.token.length > 1 ? SENTINEL : "");
      }).join(" ");
    });
  }

  if (window.Worker) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      // Setup message: {type: 0, data: {config, docs: [{location, title, text}], options}}
      if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
        var docs = message.data.docs.filter(keepDoc);
        indexed = { docs: docs, separator: new RegExp(message.data.config.separator) };
        args[0] = Object.assign({}, message, { data: Object.assign({}, message.data, { docs: docs }) });
      // Query message: {type: 2, data: "the query"}
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        args[0] = Object.assign({}, message, { data: fixHanQuery(message.data) });
      }
      return post.apply(this, args);
    };
  }

  // 2. Language switcher keeps the reader's heading.
  function onScreen(id) {
    var el = id && document.getElementById(id);
    if (!el) return false;
    var box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  function currentAnchor() {
    var hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it as it is */ }
    if (onScreen(hash)) return "#" + encodeURIComponent(hash);
    var active = document.querySelector("[data-md-component=toc] .md-nav__link--active");
    if (active && active.hash) return active.hash;
    return hash ? "#" + encodeURIComponent(hash) : "";
  }

  function carryAnchor(ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a.md-select__link[hreflang]") : null;
    if (!link) return;
    link.hash = currentAnchor();
    // Material would re-route this click through its sitemap logic and drop the anchor.
    ev.stopPropagation();
  }
  document.addEventListener("click", carryAnchor, true);
  document.addEventListener("auxclick", carryAnchor, true);

  // 3. Requests: the search index of the page's language only (written by
  //    overrides/hooks/search_index.py), and no sitemap requests for Material's
  //    alternate-language integration.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var href = String(url);
    this.searchIndex = /\/search\/search_index\.json$/.test(href);
    if (this.searchIndex && langs.length > 1 && langs.indexOf(pageLang) >= 0) {
      args[1] = href.replace(/search_index\.json$/, "search_index." + pageLang + ".json");
    } else if (/\/sitemap\.xml$/.test(href)) {
      args[1] = "data:application/xml,%3Curlset%20xmlns%3D%22http%3A%2F%2Fwww.sitemaps.org%2Fschemas%2Fsitemap%2F0.9%22%2F%3E";
    }
    return open.apply(this, args);
  };

  // 5. The search index on demand: Material fetches it (and the worker parses it and loads lunr)
  //    on every page view; hold the request until the reader heads for search (pointer over or
  //    focus in the search box, the search button on phones, a search shortcut key, which focuses
  //    the box) or the URL asks for a search or highlight (?q= / ?h=).
  var held = [];
  var wanted = /[?&][qh]=/.test(location.search);
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !wanted) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };
  function release() {
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  function towardsSearch(ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    if (target && target.closest(".md-search, label[for='__search'], #__search")) release();
  }
  ["pointerover", "focusin", "change"].forEach(function (type) {
    document.addEventListener(type, towardsSearch, true);
  });

  // 4. Accessibility (not language, but this file is the one that runs early): Material's search
  //    is a role="dialog" without a name (axe/Lighthouse aria-dialog-name); name it after the
  //    search box, whose label is already in the page's language.
  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])");
    var input = document.querySelector(".md-search__input[aria-label]");
    if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  });
})();
