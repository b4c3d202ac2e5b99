// Search over every prompt of the site, from search-index.js (a script, so that it also loads
// when the site is opened from disk). Results replace the grid in place, as cards with their
// thumbnails; the query is kept in the address (?q=) so a search can be linked and Back works.
// Arrow keys move between results, Enter opens the first. The page works without it.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var grid = document.getElementById("grid");
  var entries = window.HATCHERY_SEARCH;
  if (!form || !grid || !entries) return;
  form.hidden = false;
  var root = form.getAttribute("data-root") || "";
  var box = form.querySelector("input");
  var status = document.getElementById("search-status");
  var pagination = document.querySelector("nav.pagination");
  var pageCards = Array.prototype.slice.call(grid.children);
  var shown = [];
  var limit = 96;

  function card(entry) {
    // textContent and attributes only, never innerHTML: prompts are untrusted text.
    var item = document.createElement("li");
    item.className = "card";
    var link = document.createElement("a");
    link.href = root + entry.href;
    if (entry.thumb) {
      // The card's shape, as the site's own cards carry it (CardView.shape).
      var ratio = entry.width / entry.height;
      item.style.setProperty("--ratio", ratio.toFixed(4));
      item.style.setProperty("--basis", (ratio * 15).toFixed(2) + "rem");
      item.style.setProperty("--cap", (ratio * 30).toFixed(2) + "rem");
      link.className = "thumb";
      var image = document.createElement("img");
      image.src = root + entry.thumb;
      image.width = entry.width;
      image.height = entry.height;
      image.alt = entry.prompt;
      image.loading = "lazy";
      link.appendChild(image);
    } else {
      link.className = "thumb placeholder";
      link.textContent = "No image yet";
    }
    var title = document.createElement("a");
    title.className = "card-title";
    title.href = root + entry.href;
    title.textContent = entry.title;
    var meta = document.createElement("span");
    meta.className = "card-meta";
    meta.textContent = entry.model;
    item.appendChild(link);
    item.appendChild(title);
    item.appendChild(meta);
    return item;
  }

  function matches(words) {
    return entries.filter(function (entry) {
      var text = [entry.title, entry.caption || "", entry.prompt, entry.model, entry.tags.join(" ")].join(" ").toLowerCase();
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    });
  }

  function remember(query) {
    // A page opened from disk may refuse to change its address: the search still works.
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
    } catch (error) { /* keep the address as it is */ }
  }

  function run() {
    var query = box.value.trim();
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    remember(query);
    grid.textContent = "";
    if (!words.length) {
      pageCards.forEach(function (item) { grid.appendChild(item); });
      if (pagination) pagination.hidden = false;
      status.textContent = "";
      shown = [];
      return;
    }
    var found = matches(words);
    shown = found.slice(0, limit);
    shown.forEach(function (entry) { grid.appendChild(card(entry)); });
    if (pagination) pagination.hidden = true;
    status.textContent = found.length === 0 ? "No prompt matches."
      : found.length === 1 ? "1 prompt matches."
      : found.length > limit ? found.length + " prompts match; the first " + limit + " are shown."
      : found.length + " prompts match.";
  }

  function resultLinks() {
    return Array.prototype.slice.call(grid.querySelectorAll("a.card-title"));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = resultLinks()[0];
    if (shown.length && first) window.location.href = first.href;
  });
  box.addEventListener("input", run);
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && shown.length) {
      event.preventDefault();
      var first = resultLinks()[0];
      if (first) first.focus();
    }
  });
  grid.addEventListener("keydown", function (event) {
    if (!shown.length) return;
    var links = resultLinks(), at = links.indexOf(document.activeElement);
    if (at === -1) return;
    var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (event.key === "Escape") { event.preventDefault(); box.focus(); return; }
    if (!step) return;
    event.preventDefault();
    if (at + step < 0) box.focus(); else if (links[at + step]) links[at + step].focus();
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { box.value = initial; run(); }
})();
