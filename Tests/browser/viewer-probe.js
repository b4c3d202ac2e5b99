// Drives a built gallery in a frame of the probe page (BrowserTests writes both into the site):
// for each page named in the probe's fragment it runs axe-core with the viewer closed, then opens
// the viewer as a user would and checks it (caption, focus, inert page, controls on screen, keys,
// swipe, pinch, close, URL per image, Back, deep link), running axe again while it is open.
// The result goes into #result as JSON: for each page its checks (name: true or a reason) and
// axe's violations. Events are synthesized (keys, pointers); the frame is the page's viewport.
(function () {
  "use strict";
  const params = new URLSearchParams(location.hash.slice(1));
  const pages = (params.get("pages") || "index.html").split(",");
  const width = Number(params.get("width") || 1366), height = Number(params.get("height") || 900);
  const frame = document.getElementById("frame");
  frame.style.width = width + "px";
  frame.style.height = height + "px";
  // Chromium prints console messages with --enable-logging=stderr; closing the window ends it.
  const report = (value) => {
    document.getElementById("result").textContent = JSON.stringify(value);
    console.log("HATCHERY-PROBE " + JSON.stringify(value));
    window.close();
  };
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  // Where the probe is, on the console: what a report of a stuck run shows.
  const step = (text) => console.log("HATCHERY-STEP " + text);
  // A promise that gives up after `ms`, so that no step can hold the run.
  const bounded = (promise, what, ms = 30000) => Promise.race([promise,
    new Promise((done, fail) => setTimeout(() => fail(new Error("timed out: " + what)), ms))]);

  async function until(test, what, ms = 20000) {
    for (let waited = 0; waited < ms; waited += 50) {
      let value;
      try { value = test(); } catch (error) { value = false; }
      if (value) return value;
      await pause(50);
    }
    throw new Error("timed out waiting for " + what);
  }

  function load(url) {
    step("load " + url);
    return bounded(new Promise((done) => {
      frame.addEventListener("load", () => done(), { once: true });
      frame.src = url;
    }), "loading " + url);
  }

  const doc = () => frame.contentDocument;
  const view = () => frame.contentWindow;
  const viewer = () => doc().querySelector(".pswp");
  const hash = () => view().location.hash;
  const key = (link) => "#" + encodeURIComponent(link.dataset.id) + "/" + link.dataset.number;

  async function axe(label) {
    step("axe " + label);
    const page = doc();
    if (!view().axe) {
      const script = page.createElement("script");
      script.src = new URL("__axe.js", location.href).href;
      await bounded(new Promise((done, fail) => {
        script.onload = done;
        script.onerror = () => fail(new Error("axe-core did not load"));
        page.head.appendChild(script);
      }), "axe-core to load");
    }
    const result = await bounded(view().axe.run(page, { resultTypes: ["violations"] }), "axe-core to run", 120000);
    return result.violations.map((violation) => ({
      state: label, id: violation.id, impact: violation.impact, help: violation.help,
      nodes: violation.nodes.slice(0, 4).map((node) => node.target.join(" ") + ": " + node.failureSummary)
    }));
  }

  function press(name) {
    const target = doc().activeElement || doc().body;
    target.dispatchEvent(new (view().KeyboardEvent)("keydown", { key: name, bubbles: true, cancelable: true }));
  }

  function pointer(type, id, x, y, target) {
    const event = new (view().PointerEvent)(type, {
      pointerId: id, pointerType: "touch", isPrimary: id === 1, clientX: x, clientY: y,
      button: 0, buttons: type === "pointerup" ? 0 : 1, bubbles: true, cancelable: true
    });
    target.dispatchEvent(event);
  }

  // A finger drawn from one point to another over a few frames (PhotoSwipe reads speed).
  async function drag(fingers, target) {
    fingers.forEach((finger, i) => pointer("pointerdown", i + 1, finger[0], finger[1], target));
    for (let step = 1; step <= 8; step++) {
      await pause(16);
      fingers.forEach((finger, i) => pointer("pointermove", i + 1,
        finger[0] + (finger[2] - finger[0]) * step / 8, finger[1] + (finger[3] - finger[1]) * step / 8, target));
    }
    // PhotoSwipe applies moves on animation frames: let two pass, however slow the machine, before lifting.
    await new Promise((done) => view().requestAnimationFrame(() => view().requestAnimationFrame(done)));
    fingers.forEach((finger, i) => pointer("pointerup", i + 1, finger[2], finger[3], target));
  }

  const visible = (node) => {
    const style = view().getComputedStyle(node);
    return style.display !== "none" && style.visibility !== "hidden" && node.getClientRects().length > 0;
  };
  const onScreen = (node) => {
    const box = node.getBoundingClientRect();
    return box.left >= 0 && box.top >= 0 && box.right <= width + 0.5 && box.bottom <= height + 0.5 && box.width > 0;
  };

  async function openedFromLink(link) {
    step("open " + link.dataset.id);
    link.focus();
    link.click();
    await until(() => viewer() && viewer().contains(doc().activeElement), "the viewer to take focus");
  }

  // The viewer fades its parts in: axe must see their colours as they end, not half-transparent
  // (on a loaded machine it once ran mid-fade and found the caption's contrast too low).
  async function transitionsEnded(root) {
    await new Promise((done) => view().requestAnimationFrame(() => view().requestAnimationFrame(done)));
    await until(() => root.getAnimations({ subtree: true }).every((animation) =>
      animation.playState !== "running" || animation.effect.getComputedTiming().endTime === Infinity),
      "the viewer's transitions to end", 10000).catch(() => {});
  }

  async function closed() {
    await until(() => !viewer(), "the viewer to close");
  }

  async function checkViewer(page, checks, violations, found) {
    const links = Array.from(doc().querySelectorAll("a[data-full]"));
    const first = links[0], second = links[1] || links[0];
    const check = (name, ok, detail) => { checks[name] = ok ? true : String(detail === undefined ? "failed" : detail); };

    await openedFromLink(first);
    const root = viewer();
    check("opens", !!root);
    check("urlPerImage", hash() === key(first), hash());
    const bg = root.querySelector(".pswp__bg");
    const bgStyle = view().getComputedStyle(bg);
    check("opaque", bgStyle.backgroundColor === "rgb(0, 0, 0)" && bgStyle.opacity === "1", bgStyle.backgroundColor + " " + bgStyle.opacity);
    const caption = root.querySelector(".pswp__caption");
    const captionText = caption ? caption.textContent : "";
    check("caption", caption && captionText.includes(first.dataset.prompt) && captionText.includes(first.dataset.title)
      && captionText.includes(first.dataset.model) && captionText.includes(first.dataset.width + " × " + first.dataset.height)
      && (!first.dataset.cost || captionText.includes(first.dataset.cost)), captionText.slice(0, 200));
    const original = caption && caption.querySelector("a.viewer-original");
    const promptPage = caption && caption.querySelector("a.viewer-page");
    check("captionLinks", original && original.href === new URL(first.dataset.original, doc().baseURI).href
      && (!first.dataset.page || (promptPage && promptPage.href === new URL(first.dataset.page, doc().baseURI).href)));
    check("captionIsText", caption && caption.querySelectorAll("script, b, i, textarea").length === 0);
    const shownPrompt = caption && caption.querySelector(".viewer-prompt");
    found.captionPrompt = shownPrompt ? shownPrompt.textContent : null;
    check("captionOnScreen", caption && onScreen(caption), caption && JSON.stringify(caption.getBoundingClientRect()));
    check("focusInside", root.contains(doc().activeElement));
    const outside = Array.from(doc().querySelectorAll("a[href], button, input, select, textarea, [tabindex]"))
      .filter((node) => !root.contains(node));
    check("pageInert", outside.length > 0 && outside.every((node) => node.closest("[inert]")));
    outside[0].focus();
    check("focusTrapped", root.contains(doc().activeElement), doc().activeElement.outerHTML.slice(0, 80));
    check("pageLocked", view().getComputedStyle(doc().documentElement).overflow === "hidden");
    const buttons = Array.from(root.querySelectorAll("button")).filter(visible);
    const names = buttons.map((button) => button.getAttribute("aria-label"));
    check("controls", ["Close (Esc)"].concat(links.length > 1 ? ["Previous image", "Next image"] : []).every((name) => names.includes(name)), names.join(","));
    check("controlsOnScreen", buttons.every(onScreen),
      buttons.filter((button) => !onScreen(button)).map((button) => button.getAttribute("aria-label")).join(","));
    const fullscreen = root.querySelector(".pswp__button--fullscreen");
    found.fullscreenEnabled = view().document.fullscreenEnabled;
    check("fullscreenButton", found.fullscreenEnabled ? fullscreen && visible(fullscreen) : !fullscreen);
    // The open image and its neighbours, from the srcset (PhotoSwipe sets sizes to the width shown).
    const loadedImages = await until(() => {
      const images = Array.from(root.querySelectorAll("img.pswp__img:not(.pswp__img--placeholder)"))
        .filter((img) => img.complete && img.naturalWidth > 0 && img.getAttribute("srcset"));
      return images.length >= Math.min(3, links.length) ? images : null;
    }, "the open image and its neighbours to load").catch(() => []);
    check("neighboursPreloaded", loadedImages.length >= Math.min(3, links.length), loadedImages.length);
    await transitionsEnded(root);
    violations.push(...await axe("open"));
    if (links.length < 2) {
      press("Escape");
      await closed();
      check("escapeCloses", !viewer());
      check("focusBack", doc().activeElement === first);
      return;
    }

    step("keys");
    press("ArrowRight");
    await until(() => hash() === key(second), "ArrowRight to move").catch(() => {});
    check("arrowRight", hash() === key(second), hash());
    press("ArrowLeft");
    await until(() => hash() === key(first), "ArrowLeft to move back").catch(() => {});
    check("arrowLeft", hash() === key(first), hash());

    step("swipe");
    const wrap = root.querySelector(".pswp__scroll-wrap");
    const y = height * 0.35;
    await drag([[width * 0.85, y, width * 0.15, y]], wrap);
    await until(() => hash() === key(second), "a swipe to the left to move").catch(() => {});
    check("swipe", hash() === key(second), hash());
    await pause(400);
    await drag([[width * 0.15, y, width * 0.85, y]], wrap);
    await until(() => hash() === key(first), "a swipe to the right to move back").catch(() => {});
    check("swipeBack", hash() === key(first), hash());
    await pause(400);
    // Only an image larger than the screen zooms (on a phone, all of the sample's do).
    if (root.classList.contains("pswp--zoom-allowed")) {
      const cx = width / 2;
      await drag([[cx - 20, y, cx - 120, y - 60], [cx + 20, y, cx + 120, y + 60]], wrap);
      await until(() => root.classList.contains("pswp--zoomed-in"), "a pinch to zoom in").catch(() => {});
      check("pinchZooms", root.classList.contains("pswp--zoomed-in"), root.className);
      await pause(400);
    }

    press("Escape");
    await closed();
    check("escapeCloses", !viewer());
    check("focusBack", doc().activeElement === first, doc().activeElement && doc().activeElement.outerHTML.slice(0, 80));
    check("urlCleared", hash() === "", hash());
    check("pageUnlocked", !doc().querySelector("[inert]") && view().getComputedStyle(doc().documentElement).overflow !== "hidden");

    // Back closes the viewer and stays on the page.
    step("back");
    view().__probeMarker = page;
    await openedFromLink(second);
    check("backOpensWithEntry", hash() === key(second), hash());
    view().history.back();
    await closed().catch(() => {});
    check("backCloses", !viewer() && view().__probeMarker === page && hash() === "", hash());

    // A deep link opens the viewer at its image.
    await load("about:blank");
    await load(page + key(second));
    await until(() => viewer(), "a deep link to open the viewer").catch(() => {});
    const counter = viewer() && viewer().querySelector(".pswp__counter");
    check("deepLink", viewer() && counter && counter.textContent.trim().startsWith("2 ")
      && viewer().querySelector(".pswp__caption").textContent.includes(second.dataset.title), counter && counter.textContent);
    if (viewer()) {
      await until(() => viewer().contains(doc().activeElement), "the deep-linked viewer to take focus").catch(() => {});
      press("Escape");
      await closed().catch(() => {});
      check("deepLinkCloses", !viewer() && hash() === "", hash());
    }

    // A link the page hides (a grid filtered by search) is not a slide.
    const shown = Array.from(doc().querySelectorAll("a[data-full]"));
    if (shown.length >= 3) {
      step("hidden");
      const hidden = shown[1].closest("li") || shown[1];
      hidden.style.display = "none";
      await openedFromLink(shown[0]);
      press("ArrowRight");
      await until(() => hash() === key(shown[2]), "ArrowRight to skip the hidden image").catch(() => {});
      check("skipsHidden", hash() === key(shown[2]), hash());
      press("Escape");
      await closed().catch(() => {});
      hidden.style.display = "";
    }
  }

  async function checkPage(page) {
    const checks = {}, violations = [], found = { page, checks, violations };
    await load(page);
    await until(() => doc().readyState === "complete", page + " to load");
    // Images below the fold are asked for, as scrolling would.
    Array.from(doc().querySelectorAll("main img")).forEach((img) => { img.loading = "eager"; });
    checks.loaded = true;
    violations.push(...await axe("closed"));
    found.links = doc().querySelectorAll("a[data-full]").length;
    if (found.links > 0) await checkViewer(page, checks, violations, found);
    return found;
  }

  (async () => {
    const results = [];
    try {
      for (const page of pages) results.push(await checkPage(page));
      report({ scheme: matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light", results });
    } catch (error) {
      report({ error: String(error && error.stack || error), results });
    }
  })();
})();
