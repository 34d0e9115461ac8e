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
    ["saving", "ready", "failed"].forEach(function (name) {
      status.querySelector(".kyr-offline__" + name).hidden = name !== state;
    });
  }
  if (worker && "serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    window.addEventListener("load", function () {
      var later = window.requestIdleCallback || function (fn) { setTimeout(fn, 1000); };
      later(function () {
        navigator.serviceWorker.addEventListener("message", function (event) {
          if (event.data && event.data.type === "kyr-status") show(event.data.complete ? "ready" : "saving");
        });
        navigator.serviceWorker.register(worker).then(function (registration) {
          var installing = registration.installing;
          if (installing) {
            show("saving");
            installing.addEventListener("statechange", function () {
              if (installing.state === "activated" || installing.state === "installed") show("ready");
              if (installing.state === "redundant" && !registration.active) show("failed");
            });
          } else if (registration.active) {
            registration.active.postMessage("kyr-status");
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
})();
