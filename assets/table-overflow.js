/* A wide table scrolls inside its box (.table-responsive); the shadow at its edge is easy to
   miss on a phone. Each box whose table is wider than it gets the class table-overflows,
   which shows a hint above it (dashboard.css). Checked on load, on resize, when a <details>
   opens and whenever Dash draws new content, at most once per frame: Dash redraws whole
   tables at a time. */
(function () {
  "use strict";
  var pending = false;

  function mark() {
    pending = false;
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      box.classList.toggle("table-overflows", box.scrollWidth > box.clientWidth);
    });
  }

  function soon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(mark);
    }
  }

  window.addEventListener("resize", soon);
  // A browser need not lay out a closed <details>: its table may measure 0 = 0 until it is
  // opened. "toggle" does not bubble, so it is caught on its way down.
  document.addEventListener("toggle", soon, true);
  window.addEventListener("load", soon);
  // The whole document, not only body: the script may run before Dash has drawn anything.
  // Only added or removed nodes: the class this sets is an attribute, and must not loop.
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  soon();
})();
