// A small image viewer: click an image to see it large with its prompt, model, cost and
// dimensions; arrow keys move, Escape closes. Without JavaScript the links work as links.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-full]"));
  if (!links.length) return;
  var index = -1, opener = null;
  var dialog = document.createElement("div");
  dialog.className = "viewer";
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-modal", "true");
  dialog.setAttribute("aria-label", "Image viewer");
  dialog.hidden = true;
  dialog.innerHTML =
    '<button type="button" class="viewer-close" aria-label="Close">×</button>' +
    '<button type="button" class="viewer-prev" aria-label="Previous image">‹</button>' +
    '<figure><img alt=""><figcaption><strong class="viewer-title"></strong>' +
    '<span class="viewer-meta"></span><span class="viewer-prompt"></span>' +
    '<a class="viewer-original">Original PNG</a></figcaption></figure>' +
    '<button type="button" class="viewer-next" aria-label="Next image">›</button>';
  document.body.appendChild(dialog);
  var image = dialog.querySelector("img");

  function show(i) {
    index = (i + links.length) % links.length;
    var link = links[index], data = link.dataset;
    image.src = data.full;
    image.width = Number(data.width);
    image.height = Number(data.height);
    image.alt = data.prompt || "";
    // textContent, never innerHTML: prompts are untrusted text.
    dialog.querySelector(".viewer-title").textContent = data.title || "";
    dialog.querySelector(".viewer-meta").textContent =
      [data.model, data.width + " × " + data.height + " px", data.cost].filter(Boolean).join(" · ");
    dialog.querySelector(".viewer-prompt").textContent = data.prompt || "";
    dialog.querySelector(".viewer-original").href = data.original || data.full;
  }
  function open(i) {
    opener = document.activeElement;
    show(i);
    dialog.hidden = false;
    dialog.querySelector(".viewer-close").focus();
  }
  function close() {
    dialog.hidden = true;
    image.removeAttribute("src");
    if (opener) opener.focus();
  }
  links.forEach(function (link, i) {
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      open(i);
    });
  });
  dialog.querySelector(".viewer-close").addEventListener("click", close);
  dialog.querySelector(".viewer-prev").addEventListener("click", function () { show(index - 1); });
  dialog.querySelector(".viewer-next").addEventListener("click", function () { show(index + 1); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) close(); });
  document.addEventListener("keydown", function (event) {
    if (dialog.hidden) return;
    if (event.key === "Escape") close();
    else if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "ArrowLeft") show(index - 1);
  });
})();
