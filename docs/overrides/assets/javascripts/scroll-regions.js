// A box that scrolls sideways needs a tab stop, so that it can be scrolled from the keyboard (WCAG 2.1.1).
//
// Code blocks: Material mounts a block (copy button, overflow check, tab stop) only once it scrolls into view, the
// `content.lazy` feature in mkdocs.yml. Mounting every block at load read each one's size right after changing the
// page, a forced layout per block (about 90 on a lesson page, a second of a phone's main thread). Blocks not yet
// seen get the tab stop here, by the rule Material applies once it mounts them.
// Tables: Material wraps each in a scrolling box (.md-typeset__scrollwrap) but never gives it a tab stop; a wide one
// (a notebook page's summary table on a narrow screen) gets it here.
//
// The sizes are read in a ResizeObserver's first report, which comes right after the browser's own layout of the
// next frame: reading them then costs no layout of its own, as reading them from a timer or an event may.
(() => {
  if (!("ResizeObserver" in window)) return;
  const observer = new ResizeObserver((entries) => {
    const boxes = entries.map((entry) => entry.target);
    const scrollable = boxes.filter((box) => box.scrollWidth > box.clientWidth);
    for (const box of boxes) observer.unobserve(box);
    for (const box of scrollable) if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  });
  const observe = () => {
    if (!matchMedia("(hover)").matches) return; // Material adds the tab stop only where a pointer can hover
    for (const box of document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")) {
      // a box in a closed <details> has no layout: Material mounts it when the reader opens it
      if (!box.hasAttribute("tabindex") && !box.closest("details:not([open])")) observer.observe(box);
    }
  };
  // after the load event, when Material has wrapped the tables
  if (document.readyState === "complete") observe();
  else addEventListener("load", observe, { once: true });
})();
