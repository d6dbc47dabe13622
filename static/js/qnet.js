// Behaviour that would otherwise need inline script (forbidden by our CSP).

// Ask before destructive actions: any form with data-confirm="question".
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A table wider than the screen scrolls inside its .table-responsive box; keyboard users
// can only scroll it if the box takes focus (WCAG 2.1.1, axe scrollable-region-focusable).
// Only boxes that really overflow become a tab stop, named by their table's caption, and
// stop being one when the window grows wide enough.
let captionIds = 0;
function markScrollableTables(root) {
  root.querySelectorAll(".table-responsive").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.qnetScrollFocus = "on";
      const caption = box.querySelector("caption");
      if (caption) {
        caption.id = caption.id || `qnet-table-caption-${++captionIds}`;
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", caption.id);
      }
    } else if (!scrolls && box.dataset.qnetScrollFocus === "on") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-labelledby");
      delete box.dataset.qnetScrollFocus;
    }
  });
}
document.addEventListener("DOMContentLoaded", () => markScrollableTables(document));
window.addEventListener("resize", () => markScrollableTables(document));
document.addEventListener("htmx:afterSwap", (event) => markScrollableTables(event.target));
