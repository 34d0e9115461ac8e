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
        // Material reads the query on keyup (and when its index is ready); replay a keyup
        // for text that arrived without one while it loaded (pasted, or filled in).
        if (input.value) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
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
})();
