// The search index, fetched when the reader searches, not with every page.
//
// Material's bundle requests search/search_index.json (an XMLHttpRequest) as soon as a page
// loads: 0.3-0.5 MB that a reader who never searches does not need. This script, loaded
// before the bundle (overrides/main.html), holds that one request back until the reader
// opens the search: focuses the search box (a click, a tap, or the keys "/", "s", "f", which
// Material turns into focus), toggles it on a phone, or arrives with ?q= in the address.
// Until then Material shows "Initializing search", as on a slow connection.
// tests/test_browser_features.py checks both: no index on a page view, results after "/".
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const { open, send } = XMLHttpRequest.prototype;
  let release;
  const wanted = new Promise((resolve) => { release = resolve; });

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.dlnotesIndex = INDEX.test(String(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!this.dlnotesIndex) return send.apply(this, body);
    wanted.then(() => send.apply(this, body));
  };

  if (new URLSearchParams(location.search).has("q")) release();
  document.addEventListener("focusin", (event) => {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", (event) => {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();
