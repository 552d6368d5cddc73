/* dcc.Upload draws its file input without a label, and takes no props for it: a screen
   reader (and axe, "label") then meets a nameless control. Each upload's wrapper names it
   (data-upload-label); the input gets that name as soon as Dash draws it. */
(function () {
  "use strict";
  function label() {
    document
      .querySelectorAll("[data-upload-label] input[type=file]:not([aria-label])")
      .forEach(function (input) {
        input.setAttribute("aria-label", input.closest("[data-upload-label]").dataset.uploadLabel);
      });
  }
  new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
})();
