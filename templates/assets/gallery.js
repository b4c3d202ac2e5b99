// Small touches that need a script; every page works without it.
(function () {
  "use strict";
  // The tag list starts open where there is room for it, and folded on a phone, where it would
  // push the first image below the fold.
  var tags = document.querySelector("details.tag-list");
  if (tags && window.matchMedia("(min-width: 40rem)").matches) tags.open = true;
})();
