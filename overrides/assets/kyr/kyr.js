// kyr: the site's own script, the only one a first visit loads. No dependencies, nothing sent
// anywhere; pages are complete and readable without it.
//
// 1. Material's interface script loads only when the reader searches, so a first visit
//    downloads text and styles only, and the search index and its worker load only then. The
//    light/dark switch is handled here (it follows the phone's setting until the reader picks).
// 2. In the offline zip (file://), browsers refuse web workers, so search runs in a hidden
//    frame of the page instead (same origin, no inline script: the page's security policy holds).
// 3. On http(s), a service worker keeps this language on the device, and the page says so.
// 4. Checklist boxes remember their ticks on this device only (localStorage).
// 5. A reader may pick their county once (kept in localStorage, never sent): its line comes
//    first in every list of lines, and "your county's line" shows its number.
// 6. Speech, with the phone's own voices (Web Speech API: offline, nothing downloaded or sent):
//    "Speak for me" says the card's English statements to an officer; "Listen" reads a page,
//    each part in its language. The buttons appear only where the browser can speak; a phone
//    without the right voice says so (and the card shows in large type).
// 7. "Share" hands a short text to the phone's share sheet, or copies it.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = script.getAttribute("data-bundle");
  var worker = script.getAttribute("data-sw");
  var loading = null;

  // Scripts run: show what needs them (Material hides search from browsers without scripts).
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  // A script added to a document (this page, or the search frame below), as a promise.
  function load(src, doc) {
    doc = doc || document;
    return new Promise(function (resolve, reject) {
      var tag = doc.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      (doc.body || doc.documentElement).appendChild(tag);
    });
  }

  // -- 2. Web workers from file:// ---------------------------------------------------------
  function FrameWorker(url) {
    var target = document.createDocumentFragment();
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "search";
    document.body.appendChild(frame);
    var inner = frame.contentWindow;
    var doc = frame.contentDocument;
    var self = this;
    this.frame = frame;
    this.listeners = target;
    this.onmessage = null;
    inner.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof self.onmessage === "function") self.onmessage(event);
    };
    inner.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () {
          return load(new URL(src, location.href).href, doc);
        });
      }, Promise.resolve());
    };
    this.ready = load(new URL(url, location.href).href, doc);
  }
  FrameWorker.prototype.addEventListener = function (type, fn, options) {
    this.listeners.addEventListener(type, fn, options);
  };
  FrameWorker.prototype.removeEventListener = function (type, fn, options) {
    this.listeners.removeEventListener(type, fn, options);
  };
  FrameWorker.prototype.postMessage = function (data) {
    var inner = this.frame.contentWindow;
    var copy = JSON.parse(JSON.stringify(data));
    this.ready.then(function () {
      inner.dispatchEvent(new MessageEvent("message", { data: copy }));
    });
  };
  FrameWorker.prototype.terminate = function () {
    this.frame.remove();
  };

  // -- 1. Material's script, on demand -------------------------------------------------------
  function material() {
    if (!loading) {
      if (location.protocol === "file:") {
        // Material's search worker knows how to run in a frame when the page has IFrameWorker.
        window.IFrameWorker = FrameWorker;
        window.Worker = FrameWorker;
      }
      loading = load(bundle);
    }
    return loading;
  }

  function query() {
    return document.querySelector("[data-md-component=search-query]");
  }

  var toggle = document.getElementById("__search");
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) material();
    });
  }
  var input = query();
  if (input) {
    input.addEventListener("focus", function () {
      material().then(function () {
        // Material reads the query on keyup, once its search has set itself up, which takes a
        // moment after its script loads (longer with a big index on a slow phone). Replay a
        // keyup for text typed meanwhile, a few times: Material ignores a query it already has.
        [0, 300, 1000, 2500, 5000].forEach(function (delay) {
          setTimeout(function () {
            if (input.value) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
          }, delay);
        });
      });
    });
  }
  // Light and dark: Material's format in localStorage, so Material agrees once it loads.
  var options = Array.prototype.slice.call(document.querySelectorAll("input[name=__palette]"));
  function usePalette(index, remember) {
    var option = options[index];
    if (!option) return;
    option.checked = true;
    ["scheme", "primary", "accent"].forEach(function (key) {
      var value = option.getAttribute("data-md-color-" + key);
      if (value) document.body.setAttribute("data-md-color-" + key, value);
    });
    document.querySelectorAll("label[for^=__palette_]").forEach(function (label) {
      label.hidden = label.htmlFor !== options[(index + 1) % options.length].id;
    });
    if (remember && typeof window.__md_set === "function") {
      window.__md_set("__palette", {
        index: index,
        color: {
          media: option.getAttribute("data-md-color-media"),
          scheme: option.getAttribute("data-md-color-scheme"),
          primary: option.getAttribute("data-md-color-primary"),
          accent: option.getAttribute("data-md-color-accent")
        }
      });
    }
  }
  if (options.length) {
    var saved = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    var start = saved && typeof saved.index === "number" ? saved.index : 0;
    if (!saved) {
      options.forEach(function (option, i) {
        var media = option.getAttribute("data-md-color-media");
        if (media && window.matchMedia && matchMedia(media).matches) start = i;
      });
    }
    usePalette(start, false);
    options.forEach(function (option, i) {
      option.addEventListener("change", function () {
        if (option.checked) usePalette(i, true);
      });
    });
  }
  document.addEventListener("keydown", function (event) {
    var editing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (editing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].indexOf(event.key) >= 0 && toggle && input) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
      material();
    }
  });

  // -- 3. Offline use -------------------------------------------------------------------------
  var status = document.querySelector(".kyr-offline");
  function show(state) {
    if (!status) return;
    status.hidden = false;
    ["saving", "save", "ready", "update", "failed"].forEach(function (name) {
      var line = status.querySelector(".kyr-offline__" + name);
      if (line) line.hidden = name !== state;
    });
  }
  // A newer version waits until the reader asks for it, so pages never mix versions.
  function offerUpdate(waiting) {
    show("update");
    var button = status && status.querySelector(".kyr-offline__reload");
    if (!button) return;
    button.addEventListener("click", function () {
      button.disabled = true;
      waiting.postMessage("kyr-activate");
    });
  }
  if (worker && "serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (reloading || !window.__kyrUpdating) return;
      reloading = true;
      location.reload();
    });
    window.addEventListener("load", function () {
      var later = window.requestIdleCallback || function (fn) { setTimeout(fn, 1000); };
      later(function () {
        // The worker says how much of the guide it keeps. With Save-Data on (the phone's data
        // saver) it keeps only the pages opened, and the reader may ask for the rest.
        var savingData = Boolean(navigator.connection && navigator.connection.saveData);
        var asked = false;
        navigator.serviceWorker.addEventListener("message", function (event) {
          var data = event.data;
          if (!data || data.type !== "kyr-status") return;
          if (data.failed) return show("failed");
          if (data.complete) return show("ready");
          if (savingData) return show("save");
          // Keep the whole guide on the phone, once, after the first visit.
          if (!asked) {
            asked = true;
            show("saving");
            navigator.serviceWorker.ready.then(function (registration) {
              registration.active.postMessage("kyr-save-all");
            });
          }
        });
        var saveAll = status && status.querySelector(".kyr-offline__save-all");
        if (saveAll) {
          saveAll.addEventListener("click", function () {
            navigator.serviceWorker.ready.then(function (registration) {
              show("saving");
              registration.active.postMessage("kyr-save-all");
            });
          });
        }
        function askStatus() {
          navigator.serviceWorker.ready.then(function (registration) {
            if (registration.active) registration.active.postMessage("kyr-status");
          });
        }
        navigator.serviceWorker.register(worker, { updateViaCache: "none" }).then(function (registration) {
          function watch(installing) {
            installing.addEventListener("statechange", function () {
              if (installing.state === "installed" && navigator.serviceWorker.controller) {
                window.__kyrUpdating = true;
                offerUpdate(installing);
              } else if (installing.state === "activated") {
                askStatus();
              }
              if (installing.state === "redundant" && !registration.active) show("failed");
            });
          }
          registration.addEventListener("updatefound", function () {
            if (registration.installing) watch(registration.installing);
          });
          if (registration.waiting && navigator.serviceWorker.controller) {
            window.__kyrUpdating = true;
            offerUpdate(registration.waiting);
          } else if (registration.installing) {
            show("saving");
            watch(registration.installing);
          } else if (registration.active) {
            askStatus();
            // Back online: look for a newer version of the guide (the browser would, but later).
            if (navigator.onLine !== false) registration.update().catch(function () {});
          }
        }).catch(function () {
          show("failed");
        });
      });
    });
  }

  // -- 4. Checklists ---------------------------------------------------------------------------
  var boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
  if (boxes.length) {
    var page = location.pathname.split("/").pop() || "index.html";
    var store = null;
    try {
      store = window.localStorage;
      store.setItem("kyr-test", "1");
      store.removeItem("kyr-test");
    } catch (e) {
      store = null; // private mode or storage off: the boxes work, they are just not remembered
    }
    boxes.forEach(function (box, i) {
      var key = "kyr-checklist:" + page + ":" + i;
      box.disabled = false;
      if (store && store.getItem(key) === "1") box.checked = true;
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(key, "1");
        else store.removeItem(key);
      });
    });
  }

  // -- 5. The reader's county -----------------------------------------------------------------
  var COUNTY_KEY = "kyr-county";
  var countyData = document.getElementById("kyr-lines");
  var counties = [];
  try {
    counties = JSON.parse(countyData ? countyData.textContent : "[]");
  } catch (e) {
    counties = [];
  }
  function storedCounty() {
    try {
      return window.localStorage.getItem(COUNTY_KEY) || "";
    } catch (e) {
      return "";
    }
  }
  function storeCounty(id) {
    try {
      if (id) window.localStorage.setItem(COUNTY_KEY, id);
      else window.localStorage.removeItem(COUNTY_KEY);
    } catch (e) {
      // storage off: the choice lasts for this page only
    }
  }
  // Each list keeps its original order; the chosen county moves to the top.
  function orderList(container, selector, id) {
    var items = Array.prototype.slice.call(container.querySelectorAll(selector));
    items.forEach(function (item, i) {
      if (!item.hasAttribute("data-order")) item.setAttribute("data-order", String(i));
    });
    items.sort(function (a, b) {
      var ca = a.getAttribute("data-county") === id ? -1 : 0;
      var cb = b.getAttribute("data-county") === id ? -1 : 0;
      return ca - cb || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    var after = items.length ? items[items.length - 1].nextSibling : null;
    items.forEach(function (item) {
      item.parentNode.insertBefore(item, after);
    });
  }
  function showCounty(id) {
    var chosen = null;
    counties.forEach(function (c) {
      if (c.county === id) chosen = c;
    });
    if (!chosen) id = "";
    document.querySelectorAll("[data-kyr-lines]").forEach(function (box) {
      var list = box.querySelector(".kyr-lines__list");
      if (list) orderList(list, ".kyr-line[data-county]", id);
      box.querySelectorAll(".kyr-line[data-county]").forEach(function (item) {
        var yours = item.getAttribute("data-county") === id;
        item.classList.toggle("kyr-line--yours", yours);
        var label = item.querySelector(".kyr-line__yours");
        if (label) label.hidden = !yours;
      });
      var select = box.querySelector("select");
      if (select) select.value = id;
    });
    var prints = document.querySelector(".kyr-prints");
    if (prints) orderList(prints, ".kyr-prints__group[data-county]", id);
    document.querySelectorAll("[data-kyr-county-number]").forEach(function (slot) {
      while (slot.firstChild) slot.removeChild(slot.firstChild);
      slot.hidden = !chosen;
      if (!chosen) return;
      var link = document.createElement("a");
      link.className = "kyr-tel";
      link.href = "tel:" + chosen.tel;
      link.dir = "ltr";
      link.textContent = chosen.display;
      slot.appendChild(document.createTextNode(" (" + chosen.name + ": "));
      slot.appendChild(link);
      slot.appendChild(document.createTextNode(")"));
    });
  }
  if (counties.length) {
    document.querySelectorAll("[data-kyr-pick]").forEach(function (pick) {
      pick.hidden = false;
      var select = pick.querySelector("select");
      if (!select) return;
      select.addEventListener("change", function () {
        storeCounty(select.value);
        showCounty(select.value);
      });
    });
    var saved = storedCounty();
    if (saved) showCounty(saved);
  }

  // -- 6. Speech ---------------------------------------------------------------------------------
  var synth = window.speechSynthesis;
  var canSpeak = Boolean(synth && typeof synth.speak === "function" && window.SpeechSynthesisUtterance);
  // Set in <head> already, before the first paint (main.html): the Listen controls keep their place.
  document.documentElement.classList.toggle("kyr-can-speak", canSpeak);
  var ENGLISH = ["en-US", "en-GB", "en"];

  function norm(tag) {
    return String(tag || "").replace(/_/g, "-").toLowerCase();
  }

  // The phone's voices: some browsers list them only after "voiceschanged".
  function voices() {
    return new Promise(function (resolve) {
      var found = synth.getVoices() || [];
      if (found.length) return resolve(found);
      var done = false;
      function finish() {
        if (done) return;
        done = true;
        resolve(synth.getVoices() || []);
      }
      if (synth.addEventListener) synth.addEventListener("voiceschanged", finish);
      setTimeout(finish, 1500);
    });
  }

  // The voice for a list of tags, best first: one with the same language and region, then one
  // with the same language (a voice on the phone itself before a network one).
  function pickVoice(list, wanted) {
    function best(matches) {
      return matches.filter(function (v) { return v.localService; })[0] || matches[0] || null;
    }
    for (var i = 0; i < wanted.length; i++) {
      var exact = best(list.filter(function (v) { return norm(v.lang) === norm(wanted[i]); }));
      if (exact) return exact;
    }
    for (var j = 0; j < wanted.length; j++) {
      var base = norm(wanted[j]).split("-")[0];
      var same = best(list.filter(function (v) { return norm(v.lang).split("-")[0] === base; }));
      if (same) return same;
    }
    return null;
  }

  // Plays a list of parts ({text, lang, voice, element}) one after the other, marking the part
  // being spoken, with pause, resume and stop. The screen stays on while it speaks.
  function Player(controls, onPart) {
    this.controls = controls;
    this.onPart = onPart;
    this.parts = [];
    this.index = 0;
    this.rate = 1;
    this.playing = false;
    this.lock = null;
  }
  Player.prototype.show = function (state) {
    var c = this.controls;
    if (c.play) c.play.setAttribute("aria-pressed", state === "idle" ? "false" : "true");
    if (c.pause) c.pause.hidden = state !== "playing";
    if (c.resume) c.resume.hidden = state !== "paused";
    if (c.stop) c.stop.hidden = state === "idle";
  };
  Player.prototype.start = function (parts) {
    synth.cancel();
    this.parts = parts;
    this.index = 0;
    this.playing = true;
    this.show("playing");
    if (navigator.wakeLock && navigator.wakeLock.request) {
      var player = this;
      navigator.wakeLock.request("screen").then(function (lock) { player.lock = lock; }, function () {});
    }
    this.next();
  };
  Player.prototype.next = function () {
    var player = this;
    if (!this.playing) return;
    if (this.index >= this.parts.length) return this.stop();
    var part = this.parts[this.index];
    this.onPart(part, true);
    var utterance = new SpeechSynthesisUtterance(part.text);
    utterance.lang = part.lang;
    if (part.voice) utterance.voice = part.voice;
    utterance.rate = this.rate;
    utterance.onend = function () {
      player.onPart(part, false);
      player.index += 1;
      player.next();
    };
    utterance.onerror = utterance.onend;
    synth.speak(utterance);
  };
  Player.prototype.pause = function () {
    synth.pause();
    this.show("paused");
  };
  Player.prototype.resume = function () {
    synth.resume();
    this.show("playing");
  };
  Player.prototype.stop = function () {
    var part = this.parts[this.index];
    this.playing = false;
    synth.cancel();
    if (part) this.onPart(part, false);
    if (this.lock) {
      this.lock.release().catch(function () {});
      this.lock = null;
    }
    this.show("idle");
  };
  function wire(player, controls) {
    if (controls.pause) controls.pause.addEventListener("click", function () { player.pause(); });
    if (controls.resume) controls.resume.addEventListener("click", function () { player.resume(); });
    if (controls.stop) controls.stop.addEventListener("click", function () { player.stop(); });
  }
  function mark(part, on) {
    if (!part.element) return;
    part.element.classList.toggle("kyr-speaking", on);
    if (on && part.element.scrollIntoView) part.element.scrollIntoView({ block: "nearest" });
  }

  // "Speak for me": the card's English statements, with an English voice.
  var card = document.querySelector(".kyr-card");
  var speak = card && card.querySelector(".kyr-speak");
  function noEnglishVoice() {
    var none = card.querySelector(".kyr-speak__none");
    if (none) none.hidden = false;
    if (speak) speak.hidden = true;
    card.querySelectorAll(".kyr-speak__one").forEach(function (b) { b.hidden = true; });
    card.classList.add("kyr-card--large");
  }
  if (card && speak) {
    var statements = Array.prototype.slice.call(card.querySelectorAll(".kyr-card__statement"));
    var cardControls = {
      play: speak.querySelector(".kyr-speak__all"),
      pause: speak.querySelector(".kyr-speak__pause"),
      resume: speak.querySelector(".kyr-speak__resume"),
      stop: speak.querySelector(".kyr-speak__stop")
    };
    var cardPlayer = canSpeak ? new Player(cardControls, mark) : null;
    var englishVoice = null;
    function cardParts(only) {
      return statements.filter(function (li, i) { return only === undefined || i === only; }).map(function (li) {
        var en = li.querySelector(".kyr-card__en");
        return { text: en.textContent.replace(/\s+/g, " ").trim(), lang: "en-US", voice: englishVoice, element: li };
      });
    }
    if (!canSpeak) {
      noEnglishVoice();
    } else {
      speak.hidden = false;
      wire(cardPlayer, cardControls);
      statements.forEach(function (li, i) {
        var one = li.querySelector(".kyr-speak__one");
        if (!one) return;
        one.hidden = false;
        one.addEventListener("click", function () { cardPlayer.start(cardParts(i)); });
      });
      cardControls.play.addEventListener("click", function () {
        cardPlayer.start(cardParts());
      });
      voices().then(function (list) {
        englishVoice = pickVoice(list, ENGLISH);
        if (!englishVoice) noEnglishVoice();
      });
    }
  }

  // "Listen": the page's text, part by part, each in its own language.
  var listen = document.querySelector(".kyr-listen");
  var SKIP = "nav, pre, code, kbd, script, style, button, select, textarea, svg, [hidden], [aria-hidden=true], " +
    ".kyr-listen, .kyr-speak, .kyr-speak__none, .kyr-share, .kyr-offline, .kyr-bundle, .headerlink, " +
    ".kyr-sources, .kyr-sources-title, .kyr-status__sources, .kyr-built, .md-source-file";
  var BLOCK = /^(P|LI|DT|DD|TD|TH|H1|H2|H3|H4|H5|H6|SUMMARY|FIGCAPTION|BLOCKQUOTE|DIV|UL|OL|DL|TABLE|TBODY|THEAD|TR|DETAILS|SECTION|ASIDE|FOOTER|ARTICLE|FIGURE)$/;

  // Text runs of one block, grouped by language (English phrases inside a translation are
  // marked lang="en": they are read with an English voice).
  function runs(block, pageLang) {
    var out = [];
    function add(text, lang) {
      text = text.replace(/\s+/g, " ");
      if (!text.trim()) {
        if (out.length) out[out.length - 1].text += " ";
        return;
      }
      var last = out[out.length - 1];
      if (last && last.lang === lang) last.text += text;
      else out.push({ text: text, lang: lang });
    }
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          var owner = child.parentElement.closest("[lang]");
          add(child.nodeValue, owner ? owner.getAttribute("lang") : pageLang);
        } else if (child.nodeType === 1 && !child.matches(SKIP) && !BLOCK.test(child.tagName)) {
          walk(child);
        }
      }
    })(block);
    return out.map(function (r) { return { text: r.text.trim(), lang: r.lang }; }).filter(function (r) { return r.text; });
  }

  // The blocks of the page, in reading order: a block's own text, then the blocks inside it.
  function blocks(root) {
    var found = [];
    (function walk(el) {
      if (el.matches(SKIP)) return;
      var own = false;
      for (var child = el.firstChild; child; child = child.nextSibling) {
        if ((child.nodeType === 3 && child.nodeValue.trim()) ||
            (child.nodeType === 1 && !BLOCK.test(child.tagName) && !child.matches(SKIP))) own = true;
      }
      if (own && !/^(UL|OL|DL|TABLE|TBODY|THEAD|TR)$/.test(el.tagName)) found.push(el);
      for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
        if (BLOCK.test(c.tagName)) walk(c);
      }
    })(root);
    return found;
  }

  if (listen && canSpeak) {
    var article = listen.closest("article") || document.querySelector("article");
    var pageLang = document.documentElement.getAttribute("lang") || "en";
    var wanted = (listen.getAttribute("data-speech") || pageLang).split(" ");
    var listenControls = {
      play: listen.querySelector(".kyr-listen__play"),
      pause: listen.querySelector(".kyr-listen__pause"),
      resume: listen.querySelector(".kyr-listen__resume"),
      stop: listen.querySelector(".kyr-listen__stop")
    };
    var listenPlayer = new Player(listenControls, mark);
    var rate = listen.querySelector(".kyr-listen__rate");
    // The build has placed it after the page's title (kyr/site/pages.py: listen_after_title).
    listen.hidden = false;
    wire(listenPlayer, listenControls);
    if (rate) {
      rate.addEventListener("change", function () { listenPlayer.rate = parseFloat(rate.value) || 1; });
    }
    listenControls.play.addEventListener("click", function () {
      voices().then(function (list) {
        var own = pickVoice(list, wanted);
        var english = pickVoice(list, ENGLISH);
        if (!own) {
          // No voice for the page's language: say so, and offer the English page's audio.
          listen.querySelector(".kyr-listen__none").hidden = false;
          listenControls.play.disabled = true;
          return;
        }
        var parts = [];
        blocks(article).forEach(function (block) {
          runs(block, pageLang).forEach(function (r) {
            var isEnglish = norm(r.lang).split("-")[0] === "en" && norm(pageLang).split("-")[0] !== "en";
            if (isEnglish && !english) return;  // no English voice: the English part is skipped
            parts.push({
              text: r.text,
              lang: isEnglish ? ENGLISH[0] : wanted[0],
              voice: isEnglish ? english : own,
              element: block
            });
          });
        });
        listenPlayer.rate = rate ? parseFloat(rate.value) || 1 : 1;
        listenPlayer.start(parts);
      });
    });
    // Arriving from a page in another language ("Listen to the English page"): the button is
    // ready under the reader's finger, but nothing plays until they tap it.
    if (location.hash === "#kyr-listen") {
      window.addEventListener("load", function () {
        setTimeout(function () { listenControls.play.focus(); }, 0);
      });
    }
  }
  window.addEventListener("pagehide", function () { if (canSpeak) synth.cancel(); });

  // -- 7. Share ----------------------------------------------------------------------------------
  document.querySelectorAll(".kyr-share").forEach(function (box) {
    var data = box.querySelector(".kyr-share__data");
    var button = box.querySelector(".kyr-share__button");
    if (!data || !button) return;
    var text = JSON.parse(data.textContent);
    // The published address, when the text has none (an edition not given its address yet).
    if (/^https?:$/.test(location.protocol) && text.indexOf(location.host) < 0) {
      var home = new URL("index.html", location.href).href.replace(/index\.html$/, "");
      if ((text + "\n" + home + "\n").length <= 1600) text = text.replace(/\s*$/, "\n\n") + home + "\n";
    }
    var canShare = typeof navigator.share === "function";
    button.textContent = canShare ? button.getAttribute("data-share") : button.getAttribute("data-copy");
    box.hidden = false;
    function manual() {
      var area = box.querySelector(".kyr-share__text");
      box.querySelector(".kyr-share__manual").hidden = false;
      area.value = text;
      area.hidden = false;
      area.focus();
      area.select();
    }
    function copied() {
      var done = box.querySelector(".kyr-share__done");
      done.hidden = false;
    }
    button.addEventListener("click", function () {
      if (canShare) {
        navigator.share({ text: text }).catch(function (error) {
          if (!error || error.name !== "AbortError") manual();
        });
      } else if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(copied, manual);
      } else {
        manual();
      }
    });
  });
})();
