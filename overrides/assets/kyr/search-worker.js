// kyr: a thin layer around Material's search worker, so that search finds what people type.
//
// - Plural and singular find the same pages: each word of a query is also searched by its stem
//   (lunr's stemmer for the page's language, when lunr has one), so "lawyers" finds the pages
//   about a "lawyer", and "abogados" those about an "abogado".
// - Accents and diacritics are optional: the index gets a copy of each page's words without
//   them, and queries are folded the same way, so "deportacion" finds "deportación" and
//   "luat su" finds "luật sư". Only Latin letters are folded; other scripts keep their marks.
//
// Messages are changed in place before Material's own handler sees them. Works in a real worker
// and in the frame kyr.js uses from file://. The build writes this file beside Material's worker
// as assets/javascripts/workers/kyr-search.js and fills in MATERIAL_WORKER. Nothing is sent
// anywhere.
(function () {
  "use strict";
  var MATERIAL_WORKER = "__MATERIAL_WORKER__";
  var SETUP = 0;
  var QUERY = 2;
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href;
  var language = "en";
  var loaded = false;
  var waiting = [];

  // Latin letters without their accents; đ and Đ do not decompose, so they are mapped.
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
      .normalize("NFC")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D");
  }

  function stem(word) {
    var lunr = self.lunr;
    if (!lunr) return null;
    var stemmer = language === "en" ? lunr.stemmer : lunr[language] && lunr[language].stemmer;
    if (typeof stemmer !== "function" || !lunr.Token) return null;
    try {
      var token = stemmer(new lunr.Token(word.toLowerCase(), {}));
      var value = token && token.toString();
      return value && value !== word.toLowerCase() && value.length >= 3 ? value : null;
    } catch (e) {
      return null;
    }
  }

  function expand(query) {
    var folded = fold(query);
    // Quoted phrases and query syntax (+ - ~ ^ * :) are left as the reader wrote them.
    if (/["+\-~^*:]/.test(folded)) return folded;
    var terms = folded.split(/\s+/).filter(Boolean);
    var out = [];
    terms.forEach(function (term) {
      out.push(term);
      var stemmed = stem(term);
      if (stemmed) out.push(stemmed);
    });
    return out.join(" ");
  }

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ");
  }

  function prepare(message) {
    if (!message || typeof message !== "object" || message.kyr) return;
    message.kyr = true;
    if (message.type === SETUP && message.data) {
      var config = message.data.config || {};
      language = config.lang && config.lang.length === 1 ? config.lang[0] : "en";
      config.fields = config.fields || {};
      config.fields.kyrfolded = { boost: 1 };
      (message.data.docs || []).forEach(function (doc) {
        var original = plain(doc.title) + " " + plain(doc.text);
        var folded = fold(original);
        if (folded !== original) doc.kyrfolded = folded;
      });
    } else if (message.type === QUERY && typeof message.data === "string") {
      message.data = expand(message.data);
    }
  }

  self.addEventListener("message", function (event) {
    prepare(event.data);
    if (!loaded) {
      // In the file:// frame, Material's worker is still loading: hold the message for it.
      event.stopImmediatePropagation();
      waiting.push(event.data);
    }
  });

  function release() {
    loaded = true;
    var messages = waiting;
    waiting = [];
    messages.forEach(function (data) {
      self.dispatchEvent(new MessageEvent("message", { data: data }));
    });
  }

  var result = self.importScripts(new URL(MATERIAL_WORKER, here).href);
  if (result && typeof result.then === "function") {
    result.then(release);
  } else {
    release();
  }
})();
