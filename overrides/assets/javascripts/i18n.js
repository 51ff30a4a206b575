/*
 * Language fixes for Material + mkdocs-static-i18n. Loaded in <head> through `extra.polyfills` in
 * mkdocs.yml, i.e. before Material's bundle, so the patches are in place before the bundle creates
 * its search worker and starts its requests (extra_javascript would run after the bundle: a race).
 *
 * 1. Search: static-i18n writes ONE search index for both languages. Fetch the page language's
 *    own index instead (search/search_index.<lang>.json, written by overrides/hooks/
 *    search_index.py: half the download), and before the index reaches Material's search
 *    worker keep only that language's entries (a safety net if the merged file is served), so
 *    English readers never get Chinese hits and vice versa. Also make Material's Chinese query
 *    segmentation keep whole words (see fixHanQuery).
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

  // Material splits a Chinese query into index tokens but never tests the whole run
  // (its loop stops one character short), so 专家 is searched as 专* and 推理成本 as 推理 成*.
  // A trailing sentinel lets the whole run be tested; it is added only when some prefix of the
  // run is a token, the case in which Material's segmentation is otherwise right as well.
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
      for (var i = 1; i <= run.length; i++) {
        if (hanTokens.has(run.slice(0, i))) return run + SENTINEL;
      }
      return run;
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
