// A box that scrolls sideways needs a tab stop, so that it can be scrolled from the keyboard (WCAG 2.1.1).
//
// Code blocks: Material mounts a block (copy button, overflow check, tab stop) only once it scrolls into view, the
// `content.lazy` feature in mkdocs.yml. Mounting every block at load read each one's size right after changing the
// page, a forced layout per block (about 90 on a lesson page, a second of a phone's main thread). Blocks not yet
// seen get the tab stop here, by the rule Material applies once it mounts them: every block, not only those near
// the screen, since a keyboard reader's next Tab may lead anywhere below.
// Tables: Material wraps each in a scrolling box (.md-typeset__scrollwrap) but never gives it a tab stop; a wide one
// (a notebook page's summary table on a narrow screen) gets it here.
//
// Long blocks off the screen are not laid out (content-visibility in site.css), so reading a box's size lays out
// its block. That is done after the load event, in idle time and a few boxes at a time, so that no step becomes a
// long task. When every box is done, <html data-scroll-regions="done"> says so (the audit waits for it).
(() => {
  const finish = () => {
    document.documentElement.dataset.scrollRegions = "done";
  };
  // Safari has no requestIdleCallback: a short timer with a fixed budget stands in.
  const idle =
    window.requestIdleCallback ||
    ((step) => setTimeout(() => step({ timeRemaining: () => 8 }), 16));
  const start = () => {
    if (!matchMedia("(hover)").matches) return finish(); // Material adds the tab stop only where a pointer can hover
    // a box in a closed <details> has no layout: Material mounts it when the reader opens it
    const boxes = [...document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")].filter(
      (box) => !box.hasAttribute("tabindex") && !box.closest("details:not([open])"),
    );
    const step = (deadline) => {
      const scrollable = [];
      const started = performance.now();
      // read a batch first, then write: a tab stop set between two reads would make the second lay out again.
      // A batch stops after 8 ms even when the browser offers more: a phone's CPU takes several times as long.
      do {
        const box = boxes.shift();
        if (box && box.scrollWidth > box.clientWidth) scrollable.push(box);
      } while (boxes.length && deadline.timeRemaining() > 2 && performance.now() - started < 8);
      for (const box of scrollable) if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (boxes.length) idle(step);
      else finish();
    };
    if (boxes.length) idle(step);
    else finish();
  };
  // after the load event, when Material has wrapped the tables
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
})();
