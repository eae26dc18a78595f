// Quick exit: leave for a neutral site, so that Back does not come back, and end the session.
// Loaded as a static file (the CSP forbids inline and eval'd scripts).
(function () {
  "use strict";
  var lastEscape = 0, shiftCount = 0, lastShift = 0;

  function leave(url) {
    try { navigator.sendBeacon("/api/session/exit"); } catch (e) { /* still leave */ }
    try { sessionStorage.clear(); localStorage.clear(); } catch (e) { /* storage may be off */ }
    document.title = "";
    if (document.body) { document.body.style.visibility = "hidden"; }
    window.location.replace(url);
  }

  function exitLink() { return document.querySelector("[data-quick-exit]"); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) { return; }
    event.preventDefault();
    leave(link.getAttribute("href"));
  }, true);

  document.addEventListener("keydown", function (event) {
    var now = Date.now(), link = exitLink();
    if (!link) { return; }
    if (event.key === "Escape") {
      if (now - lastEscape < 1000) { leave(link.getAttribute("href")); }
      lastEscape = now;
    } else if (event.key === "Shift") {
      shiftCount = now - lastShift < 1000 ? shiftCount + 1 : 1;
      lastShift = now;
      if (shiftCount >= 3) { leave(link.getAttribute("href")); }
    }
  }, true);
})();
