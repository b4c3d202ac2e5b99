// The gallery's image viewer, on PhotoSwipe (photoswipe.js, vendored by scripts/vendor-photoswipe).
// Every link with data-full that is shown on the page is one slide, in page order (a grid
// filtered in place by search leaves out what it hides). The viewer adds what
// PhotoSwipe leaves to its host: a caption (title, model, size, cost, prompt, links to the
// prompt's page and the original PNG), a full-screen button, the page made inert and unscrollable
// behind it, and a URL per open image (#<prompt-id>/<n>) that opens it and that Back closes.
// Without JavaScript (or PhotoSwipe) the links stay plain links.
// Prompts and titles are untrusted text: they reach the page through textContent only.
(function () {
  "use strict";
  var PhotoSwipe = window.PhotoSwipe;
  var all = Array.prototype.slice.call(document.querySelectorAll("a[data-full]")).filter(function (link) {
    return positive(link.dataset.width) && positive(link.dataset.height);
  });
  if (!all.length || typeof PhotoSwipe !== "function") return;

  // The slides of the open viewer (gathered when it opens), its instance, what opened it.
  var links = [], pswp = null, opener = null, inerted = [];
  // Whether the viewer's history entry is one it pushed (Back then leaves it), and whether a
  // close is on its way back through history (the popstate that follows is its own).
  var pushed = false, leavingByBack = false;

  function positive(text) {
    var value = Number(text);
    return isFinite(value) && value > 0;
  }

  function slideData(link) {
    var data = link.dataset, thumb = link.querySelector("img");
    return {
      src: data.full,
      // The thumbnail's srcset lists every web size: PhotoSwipe picks from it for the size it
      // shows, for the open image and the neighbours it preloads.
      srcset: (thumb && thumb.getAttribute("srcset")) || undefined,
      // The thumbnail stands in while the large image loads, if it has loaded itself (a lazy
      // one below the fold may not have: then nothing is fetched for it).
      msrc: thumb && thumb.complete && thumb.naturalWidth > 0 ? thumb.currentSrc : undefined,
      width: Number(data.width),
      height: Number(data.height),
      alt: data.prompt || data.title || "",
      element: link,
      thumbCropped: !!thumb && getComputedStyle(thumb).objectFit === "cover"
    };
  }

  function key(link) {
    var data = link.dataset;
    return data.id && positive(data.number) ? encodeURIComponent(data.id) + "/" + Number(data.number) : null;
  }

  function linkForHash() {
    var hash = location.hash.slice(1);
    for (var i = 0; hash && i < all.length; i++) if (key(all[i]) === hash) return all[i];
    return null;
  }

  // The links shown now, and the place of `target` among them (kept even if hidden).
  function gather(target) {
    links = all.filter(function (link) { return link === target || link.getClientRects().length > 0; });
    return links.indexOf(target);
  }

  function pageURL() {
    return location.href.split("#")[0];
  }

  function setURL(index, push) {
    var name = key(links[index]);
    if (!name) return;
    try {
      if (push) history.pushState({ viewer: true }, "", "#" + name);
      else history.replaceState(history.state, "", "#" + name);
    } catch (error) {
      // Some browsers refuse history changes on file:// pages; a plain fragment still works.
      if (push) location.hash = name;
      else location.replace("#" + name);
    }
  }

  function clearURL() {
    if (!location.hash) return;
    try {
      history.replaceState(null, "", pageURL());
    } catch (error) {
      location.replace("#");
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fillCaption(box, index) {
    var data = links[index].dataset;
    box.textContent = "";
    box.appendChild(element("p", "viewer-title", data.title || ""));
    var facts = [data.model, data.width + " × " + data.height + " px", data.cost].filter(Boolean);
    box.appendChild(element("p", "viewer-meta", facts.join(" · ")));
    var more = element("p", "viewer-links");
    if (data.page) {
      var page = element("a", "viewer-page", "Prompt page");
      page.href = data.page;
      more.appendChild(page);
    }
    if (data.original) {
      var original = element("a", "viewer-original", "Original PNG");
      original.href = data.original;
      more.appendChild(original);
    }
    if (more.childNodes.length) box.appendChild(more);
    // Last, so that a long prompt scrolls without taking the links along.
    if (data.prompt) box.appendChild(element("p", "viewer-prompt", data.prompt));
    box.scrollTop = 0;
  }

  // The caption's band under the image: a fixed share of the screen, so that every slide has
  // the same frame and the caption never covers the picture; a long prompt scrolls inside it.
  function captionHeight(viewport) {
    return Math.round(Math.min(Math.max(viewport.y * 0.3, 96), 200));
  }

  function fullscreenAPI() {
    var root = document.documentElement;
    if (document.fullscreenEnabled && root.requestFullscreen) {
      return {
        active: function () { return document.fullscreenElement; },
        enter: function (node) { return node.requestFullscreen(); },
        exit: function () { return document.exitFullscreen(); }
      };
    }
    if (document.webkitFullscreenEnabled && root.webkitRequestFullscreen) {
      return {
        active: function () { return document.webkitFullscreenElement; },
        enter: function (node) { return node.webkitRequestFullscreen(); },
        exit: function () { return document.webkitExitFullscreen(); }
      };
    }
    return null;
  }

  function registerControls(viewer) {
    viewer.ui.registerElement({
      name: "caption",
      appendTo: "root",
      onInit: function (box, instance) {
        box.id = "viewer-caption";
        fillCaption(box, instance.currIndex);
        instance.on("change", function () { fillCaption(box, instance.currIndex); });
        var resize = function () {
          // The caption's band, and the middle of the picture's band above it for the arrows (viewer.css).
          var band = captionHeight(instance.viewportSize);
          instance.element.style.setProperty("--viewer-caption", band + "px");
          instance.element.style.setProperty("--viewer-middle", Math.round((instance.viewportSize.y - band) / 2) + "px");
        };
        resize();
        instance.on("resize", resize);
      }
    });
    var fullscreen = fullscreenAPI();
    // Hidden where the Fullscreen API is missing (an iPhone's Safari, a frame without allow).
    if (!fullscreen) return;
    viewer.ui.registerElement({
      name: "fullscreen",
      title: "Full screen (f)",
      order: 15,
      isButton: true,
      html: {
        isCustomSVG: true,
        inner: '<path id="pswp__icn-fullscreen" d="M6 6h8v3H9v5H6zM18 6h8v8h-3V9h-5zM6 18h3v5h5v3H6zM23 18h3v8h-8v-3h5z"/>',
        outlineID: "pswp__icn-fullscreen"
      },
      onClick: function () { toggleFullscreen(fullscreen, viewer); },
      onInit: function (button, instance) {
        instance.on("keydown", function (event) {
          var pressed = event.originalEvent;
          if (pressed.key === "f" && !pressed.ctrlKey && !pressed.metaKey && !pressed.altKey) toggleFullscreen(fullscreen, instance);
        });
      }
    });
  }

  function toggleFullscreen(fullscreen, viewer) {
    var done = fullscreen.active() ? fullscreen.exit() : fullscreen.enter(viewer.element);
    // A refused request (no user gesture, a policy) leaves the viewer as it was.
    if (done && done.catch) done.catch(function () {});
  }

  // The page behind the viewer: inert (no focus, no clicks, hidden from screen readers) and
  // not scrollable, until the viewer starts to close.
  function lockPage(viewerElement) {
    document.documentElement.classList.add("viewer-open");
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child !== viewerElement && !child.inert) {
        child.inert = true;
        inerted.push(child);
      }
    });
  }

  function unlockPage() {
    document.documentElement.classList.remove("viewer-open");
    inerted.forEach(function (child) { child.inert = false; });
    inerted = [];
  }

  // Opens the viewer at `link`, or moves the open one there. `from` is the link the user
  // activated; null for a URL (a deep link, Forward).
  function open(link, from) {
    if (pswp) {
      if (links.indexOf(link) >= 0) pswp.goTo(links.indexOf(link));
      return;
    }
    var index = gather(link);
    opener = from || null;
    pswp = new PhotoSwipe({
      // Read when it opens: which thumbnails have loaded, and how they are cropped, change.
      dataSource: links.map(slideData),
      index: index,
      bgOpacity: 1,
      loop: true,
      preload: [1, 2],
      showHideAnimationType: from ? "zoom" : "none",
      returnFocus: false,
      closeTitle: "Close (Esc)",
      zoomTitle: "Zoom (z)",
      arrowPrevTitle: "Previous image",
      arrowNextTitle: "Next image",
      errorMsg: "This image could not be loaded.",
      paddingFn: function (viewport) {
        return { top: 0, bottom: captionHeight(viewport), left: 0, right: 0 };
      }
    });
    var viewer = pswp;
    viewer.on("uiRegister", function () { registerControls(viewer); });
    viewer.on("afterInit", function () {
      viewer.element.setAttribute("aria-modal", "true");
      viewer.element.setAttribute("aria-label", "Image viewer");
      viewer.element.setAttribute("aria-describedby", "viewer-caption");
      viewer.scrollWrap.setAttribute("aria-label", "Images");
      lockPage(viewer.element);
    });
    viewer.on("change", function () {
      if (viewer.isOpen && !viewer.isDestroying) setURL(viewer.currIndex, false);
    });
    viewer.on("close", function () {
      unlockPage();
      var fullscreen = fullscreenAPI();
      if (fullscreen && fullscreen.active()) toggleFullscreen(fullscreen, viewer);
      if (leavingByBack) return;
      if (pushed && history.state && history.state.viewer) {
        leavingByBack = true;
        history.back();
      } else {
        clearURL();
      }
      pushed = false;
    });
    viewer.on("destroy", function () {
      var last = links[viewer.currIndex];
      pswp = null;
      // Back to what opened the viewer; after a deep link, to the image last shown.
      var target = opener && document.contains(opener) ? opener : last;
      if (target) target.focus({ preventScroll: !!opener });
      opener = null;
    });
    if (from) {
      setURL(index, true);
      pushed = true;
    }
    viewer.init();
  }

  all.forEach(function (link) {
    link.addEventListener("click", function (event) {
      // A new tab or window, or a download, is the browser's to handle.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(link, link);
    });
  });

  window.addEventListener("popstate", function () {
    if (leavingByBack) {
      leavingByBack = false;
      return;
    }
    var link = linkForHash();
    if (!link) {
      // Back from an open image: close without touching history again.
      if (pswp) {
        pushed = false;
        leavingByBack = true;
        pswp.close();
        leavingByBack = false;
      }
    } else {
      open(link, null);
    }
  });

  var first = linkForHash();
  if (first) open(first, null);
})();
