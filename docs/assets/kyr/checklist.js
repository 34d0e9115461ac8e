// Task-list checkboxes that remember their state on this device only (localStorage), so a
// family can work through the preparedness checklist over several days, offline. Nothing is
// sent anywhere. The key is the page's file name and the item's position, so the same list is
// shared by every language of the site.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
  if (!boxes.length) return;
  var page = location.pathname.split("/").pop() || "index.html";
  var store;
  try {
    store = window.localStorage;
    store.setItem("kyr-test", "1");
    store.removeItem("kyr-test");
  } catch (e) {
    store = null; // private mode or storage disabled: the boxes still work, just not remembered
  }
  Array.prototype.forEach.call(boxes, function (box, i) {
    var key = "kyr-checklist:" + page + ":" + i;
    box.disabled = false;
    if (store && store.getItem(key) === "1") box.checked = true;
    box.addEventListener("change", function () {
      if (!store) return;
      if (box.checked) store.setItem(key, "1");
      else store.removeItem(key);
    });
  });
})();
