// Client-side search over prompt texts and titles, from search-index.js (a script, so that it
// also loads when the site is opened from disk). The page works without it.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var entries = window.HATCHERY_SEARCH;
  if (!form || !entries) return;
  form.hidden = false;
  var box = form.querySelector("input"), results = form.querySelector("#search-results");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) return;
    var found = entries.filter(function (entry) {
      var text = (entry.title + " " + entry.prompt + " " + entry.model + " " + entry.tags.join(" ")).toLowerCase();
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    }).slice(0, 50);
    found.forEach(function (entry) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = entry.href;
      link.textContent = entry.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" · " + entry.model));
      results.appendChild(item);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "No prompt matches.";
      results.appendChild(none);
    }
  });
})();
