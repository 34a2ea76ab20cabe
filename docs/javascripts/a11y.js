// What keyboard and screen-reader users need that the theme's markup lacks
// (tests/test_browser_access.py checks every page with axe-core):
// - a scroll box must be reachable by keyboard: a notebook's code cell always (as
//   Material's own code blocks are), display maths exactly while it scrolls (wider
//   than the column, in a box that lets it scroll); each is a named group (not a
//   landmark: there are many) in the page's language;
// - the bar over each code block (its copy button) is not a navigation landmark:
//   many unnamed ones would be indistinguishable.
// Nothing here reads the layout while the page changes: a ResizeObserver reports
// each formula's width after layout (its fonts arriving, a narrower window).
(() => {
  const zh = document.documentElement.lang === "zh";
  const names = { code: zh ? "代码" : "Code", maths: zh ? "公式" : "Formula" };
  const reachable = (el, name, yes = true) => {
    if (yes) {
      el.tabIndex = 0;
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", name);
    } else {
      ["tabindex", "role", "aria-label"].forEach((attribute) => el.removeAttribute(attribute));
    }
  };
  // Which box scrolls a wide formula depends on the width: on a phone, Material lets the
  // formula take its own width and scrolls the arithmatex block around it; in a wider
  // column, KaTeX's display box scrolls. Both are watched, with the formula's parts
  // (inline blocks, whose width is the formula's: the boxes keep the column's).
  const widths = new ResizeObserver((entries) => {
    const formulaOf = ({ target }) => target.closest(".arithmatex") || target.closest(".katex-display");
    const formulas = new Set(entries.map(formulaOf));
    formulas.forEach((formula) => {
      [formula, ...formula.querySelectorAll(".katex-display")].forEach((box) => {
        reachable(box, names.maths, box.scrollWidth > box.clientWidth);
      });
    });
  });
  const watched = new WeakSet();
  const fix = (root) => {
    root.querySelectorAll(".highlight-ipynb:not([tabindex])").forEach((el) => reachable(el, names.code));
    root.querySelectorAll(".katex-display").forEach((box) => {
      if (watched.has(box)) return;
      watched.add(box);
      const parts = box.querySelectorAll(".katex-html > *"); // KaTeX's bases, struts, tags
      [box.closest(".arithmatex") || box, box, ...parts].forEach((el) => widths.observe(el));
    });
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach((el) => el.setAttribute("role", "none"));
  };
  document$.subscribe(({ body }) => fix(body));
  new MutationObserver(() => fix(document.body)).observe(document.body, { childList: true, subtree: true });
})();
