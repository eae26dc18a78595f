// « Mon coffre-fort »: while a link's capture is pending (an element carries
// data-capture-pending), click the hidden poll button every 2 s so the page reads the
// capture's state again (the job runs elsewhere; without Redis no event reaches the
// page). A static file: the CSP forbids inline scripts. Loaded again after a page
// change, it adds nothing twice.
(function () {
  "use strict";
  if (window.__abriCapturePoll) { return; }
  window.__abriCapturePoll = true;
  window.setInterval(function () {
    if (document.hidden || !document.querySelector("[data-capture-pending]")) { return; }
    var button = document.getElementById("vault-capture-poll");
    if (button) { button.click(); }
  }, 2000);
})();
