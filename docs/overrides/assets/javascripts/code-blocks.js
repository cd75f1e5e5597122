// Material mounts a code block (copy button, overflow check) only once it scrolls into view: the `content.lazy`
// feature in mkdocs.yml. Mounting every block at load read each one's size right after changing the page, a forced
// layout per block (about 90 on a lesson page, a second of a phone's main thread). What mounting gives a block that
// overflows, a tab stop so that it can be scrolled from the keyboard (WCAG 2.1.1), is given here to the blocks not
// yet seen, by the rule Material applies once it mounts them: one pass of reads after the first frame, when the
// layout is already done, then the writes.
(() => {
  const markScrollable = () => {
    if (!matchMedia("(hover)").matches) return; // Material adds the tab stop only where a pointer can hover
    // Blocks in a closed <details> have no layout (reading one would force it): Material mounts them when opened.
    const blocks = [...document.querySelectorAll(".md-typeset pre > code:not([tabindex])")].filter(
      (code) => !code.closest("details:not([open])"),
    );
    const scrollable = blocks.filter((code) => code.scrollWidth > code.offsetWidth);
    for (const code of scrollable) code.setAttribute("tabindex", "0");
  };
  const afterFirstFrame = () => requestAnimationFrame(() => setTimeout(markScrollable));
  if (document.readyState === "complete") afterFirstFrame();
  else addEventListener("load", afterFirstFrame, { once: true });
})();
