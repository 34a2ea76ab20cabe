// What keyboard and screen-reader users need that the theme's markup lacks
// (tests/test_browser_access.py checks every page with axe-core):
// - a scroll box must be reachable by keyboard: a notebook's code cell always (as
//   Material's own code blocks are), display maths when it is wider than the column;
//   each is a named group (not a landmark: there are many) in the page's language;
// - the bar over each code block (its copy button) is not a navigation landmark:
//   many unnamed ones would be indistinguishable.
(() => {
  const zh = document.documentElement.lang === "zh";
  const names = { code: zh ? "代码" : "Code", maths: zh ? "公式" : "Formula" };
  const reachable = (el, name) => {
    el.tabIndex = 0;
    el.setAttribute("role", "group");
    el.setAttribute("aria-label", name);
  };
  const fix = (root) => {
    root.querySelectorAll(".highlight-ipynb:not([tabindex])").forEach((el) => reachable(el, names.code));
    root.querySelectorAll(".katex-display:not([tabindex])").forEach((el) => {
      if (el.scrollWidth > el.clientWidth) reachable(el, names.maths);
    });
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach((el) => el.setAttribute("role", "none"));
  };
  document$.subscribe(({ body }) => fix(body));
  new MutationObserver(() => fix(document.body)).observe(document.body, { childList: true, subtree: true });
  addEventListener("resize", () => fix(document.body));
  document.fonts.ready.then(() => fix(document.body)); // KaTeX's fonts widen the formulas
})();
