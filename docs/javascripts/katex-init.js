// Render the maths that pymdownx.arithmatex (generic mode) leaves in the page.
// Subscribing to Material's document$ also re-renders after in-page navigation.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
  body.dataset.maths = "typeset"; // what the browser tests wait for (tests/test_browser_pages.py)
});
