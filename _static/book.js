/* The book's small fixes to what the theme and MathJax draw (book.css holds the styles).
 *
 * - A formula or a table wider than its column scrolls sideways (book.css, the theme); it is made
 *   focusable, so that a keyboard reader can scroll it too, and named for screen readers.
 * - The theme's search field is named "Search" but shows "Search Ctrl + K", and a folded code
 *   cell's toggle is named "Toggle hidden content" but shows "Show code cell source": their
 *   accessible names are taken from what they show instead, as speech-input users expect.
 */
(function () {
  "use strict";

  var SCROLLERS = [
    ['article mjx-container[display="true"], article div.math', "公式（可横向滚动）", "formula (scrolls sideways)"],
    ["article .pst-scrollable-table-container", "表格（可横向滚动）", "table (scrolls sideways)"]
  ];

  function markScrollable() {
    SCROLLERS.forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(function (el) { mark(el, kind[1], kind[2]); });
    });
  }

  function mark(el, zh, en) {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("data-zh-aria-label", zh);
      el.setAttribute("data-en-aria-label", en);
      el.setAttribute("aria-label", en);
    } else if (el.getAttribute("role") === "region") {
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
    }
  }

  function afterTypesetting() {
    var ready = window.MathJax && MathJax.startup && MathJax.startup.promise;
    (ready || Promise.resolve()).then(function () {
      markScrollable();
      document.dispatchEvent(new CustomEvent("book-lang-refresh"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".search-button-field[aria-label], details.hide > summary[aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label");
    });
  });
  window.addEventListener("load", afterTypesetting);
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(afterTypesetting, 200);
  });
})();
