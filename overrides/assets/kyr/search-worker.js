// kyr: a thin layer around Material's search worker, so that search finds what people type.
//
// - Plural and singular find the same pages: each word of a query is also searched by its stem
//   (lunr's stemmer for the page's language, when lunr has one), so "lawyers" finds the pages
//   about a "lawyer", and "abogados" those about an "abogado".
// - Accents and diacritics are optional: the index gets a copy of each page's words without
//   them, and queries are folded the same way, so "deportacion" finds "deportación" and
//   "luat su" finds "luật sư". In Arabic script the short vowels and the stretching line go,
//   the Arabic and Persian forms of yeh and kaf are one, alef with hamza is alef, and the
//   zero-width non-joiner of Persian and Urdu words is optional ("وكيل" finds "وکیل",
//   "میتوانید" finds "می‌توانید"); in Devanagari and Gurmukhi the nukta is optional; digits of
//   any script are the same number.
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

  var DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u0a66-\u0a6f]/g;
  var ZERO = { 0x0660: 0, 0x06f0: 0, 0x0966: 0, 0x0a66: 0 };
  function digit(ch) {
    var code = ch.charCodeAt(0);
    for (var base in ZERO) {
      var start = Number(base);
      if (code >= start && code <= start + 9) return String(code - start);
    }
    return ch;
  }

  // Letters without the marks readers often leave out (see above).
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
      .normalize("NFC")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[\u064a\u0649]/g, "\u06cc")
      .replace(/\u0643/g, "\u06a9")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u200c/g, "")
      .replace(/[\u093c\u0a3c]/g, "")
      .replace(DIGITS, digit);
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
