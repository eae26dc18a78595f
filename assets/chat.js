// The conversation as in the messaging apps people use every day. Loaded by the chat
// page and the console (the CSP forbids inline scripts); once, whatever the navigation.
// - Enter sends where the box asks for it (data-abri-enter): "always" (the console),
//   "fine" (the victim's box: on a touch screen Enter adds a line, the button sends).
//   Shift+Enter adds a line. Sending goes through the form, so the outbox (abri.js)
//   gives the message its resend id as for a click.
// - A thread (.abri-messages) stays on its newest message, unless the reader scrolled
//   up: then a pill says new messages came, and nothing moves under their eyes.
// - The live chat (.abri-chat-live) fills what is visible of the screen, above the tab
//   bar and above the on-screen keyboard (visualViewport), so the composer stays docked.
(function () {
  "use strict";
  if (window.__abriChat) { return; }
  window.__abriChat = true;
  var NEAR_END = 80, MIN_HEIGHT = 220, GAP = 8;
  var coarse = window.matchMedia("(pointer: coarse)");
  var calm = window.matchMedia("(prefers-reduced-motion: reduce)");

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.isComposing ||
        event.keyCode === 229 || !box.matches || !box.matches("textarea[data-abri-enter]")) {
      return;
    }
    if (box.getAttribute("data-abri-enter") === "fine" && coarse.matches) { return; }
    event.preventDefault();
    if (box.value.trim() && box.form && typeof box.form.requestSubmit === "function") {
      box.form.requestSubmit();
    }
  });

  function pillOf(thread) {
    return thread.parentElement && thread.parentElement.querySelector("[data-abri-new-pill]");
  }

  function atEnd(thread) {
    return thread.scrollHeight - thread.scrollTop - thread.clientHeight < NEAR_END;
  }

  function toEnd(thread, smooth) {
    thread.__abriAtEnd = true;
    thread.scrollTo({top: thread.scrollHeight,
                     behavior: smooth && !calm.matches ? "smooth" : "auto"});
    var pill = pillOf(thread);
    if (pill) { pill.hidden = true; }
  }

  function lastIsMine(thread) {
    var bubbles = thread.querySelectorAll("[data-sender]");
    var last = bubbles[bubbles.length - 1];
    return !!last && last.getAttribute("data-sender") === thread.getAttribute("data-abri-mine");
  }

  // New content in a thread: follow it if the reader was at the end or wrote it.
  function follow() {
    document.querySelectorAll(".abri-messages").forEach(function (thread) {
      var height = thread.scrollHeight;
      if (thread.__abriHeight === undefined) {
        toEnd(thread, false);
      } else if (height !== thread.__abriHeight) {
        if (thread.__abriAtEnd !== false || lastIsMine(thread)) {
          toEnd(thread, false);
        } else {
          var pill = pillOf(thread);
          if (pill) { pill.hidden = false; }
        }
      }
      thread.__abriHeight = thread.scrollHeight;
    });
  }

  document.addEventListener("scroll", function (event) {
    var thread = event.target;
    if (!thread.classList || !thread.classList.contains("abri-messages")) { return; }
    thread.__abriAtEnd = atEnd(thread);
    var pill = pillOf(thread);
    if (pill && thread.__abriAtEnd) { pill.hidden = true; }
  }, true);

  document.addEventListener("click", function (event) {
    var pill = event.target.closest && event.target.closest("[data-abri-new-pill]");
    var thread = pill && pill.parentElement.querySelector(".abri-messages");
    if (thread) { toEnd(thread, true); }
  });

  // The live chat's height: from its top to the lowest visible point, which is the tab
  // bar's top when it shows, or the keyboard's top once it covers the tab bar.
  function fit() {
    var screen = document.querySelector(".abri-chat-live");
    if (!screen) { return; }
    var view = window.visualViewport;
    var bottom = view ? view.offsetTop + view.height : window.innerHeight;
    var bar = document.querySelector(".abri-victim-nav");
    if (bar && window.getComputedStyle(bar).position === "fixed") {
      var barTop = bar.getBoundingClientRect().top;
      if (barTop < bottom) { bottom = barTop; }
    }
    var height = Math.max(MIN_HEIGHT, Math.floor(bottom - screen.getBoundingClientRect().top - GAP));
    if (screen.__abriHeight !== height) {
      screen.__abriHeight = height;
      screen.style.height = height + "px";
      screen.querySelectorAll(".abri-messages").forEach(function (thread) {
        if (thread.__abriAtEnd !== false) { toEnd(thread, false); }
      });
    }
  }

  // Shown once a wait has lasted long enough ([data-abri-show-at]: epoch milliseconds).
  function reveal() {
    document.querySelectorAll("[data-abri-show-at]").forEach(function (el) {
      var at = parseInt(el.getAttribute("data-abri-show-at"), 10);
      el.hidden = !(at > 0 && Date.now() >= at);
    });
  }

  var queued = false;
  function soon() {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; fit(); follow(); reveal(); });
  }

  function watch() {
    new MutationObserver(soon).observe(document.body, {childList: true, subtree: true,
                                                       characterData: true,
                                                       attributes: true,
                                                       attributeFilter: ["data-abri-show-at"]});
    soon();
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", soon);
    window.visualViewport.addEventListener("scroll", soon);
  }
  window.addEventListener("resize", soon);
  window.setInterval(reveal, 15000);
  if (document.body) { watch(); } else { document.addEventListener("DOMContentLoaded", watch); }
})();
