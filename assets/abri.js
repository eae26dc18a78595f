// Quick exit: leave for a neutral site, so that Back does not come back, and end the session.
// Loaded as a static file (the CSP forbids inline and eval'd scripts).
(function () {
  "use strict";
  // The viewer's time zone, so that every time shown is the one their own clock showed
  // (the server reads it with each event; nothing else is kept).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && /^[A-Za-z][A-Za-z0-9_+\-\/]{0,63}$/.test(zone)) {
      document.cookie = "abri_tz=" + zone + "; path=/; max-age=31536000; SameSite=Strict";
    }
  } catch (e) { /* the helpline's zone is shown instead */ }
})();

(function () {
  "use strict";
  var lastEscape = 0, shiftCount = 0, lastShift = 0;

  function leave(url) {
    window.__abriLeaving = true;  // nothing may navigate back into Abri from now on
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

// Every move inside Abri replaces the tab's history entry instead of adding one: the
// tab then holds a single Abri entry, which quick exit replaces with the neutral site,
// so Back leaves for the page before Abri. One place for every kind of move: the
// router's links and the server's redirects (both go through history.pushState), and
// links the browser follows itself (full page loads, other language, #anchors).
(function () {
  "use strict";
  function onVictimPage() { return document.querySelector("[data-abri-victim]") !== null; }

  var push = window.history.pushState, replace = window.history.replaceState;
  window.history.pushState = function (state, title, url) {
    return (onVictimPage() ? replace : push).call(window.history, state, title, url);
  };

  // An #anchor on this page (the skip link): the router would only change the address,
  // leaving focus on the link, which then stays shown over « Quitter vite ». Focus the
  // target instead (capture phase, before the router sees the click).
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) { return; }
    var url = new URL(link.href, window.location.href), here = window.location;
    var target = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target || url.origin !== here.origin || url.pathname !== here.pathname ||
        url.search !== here.search) { return; }
    event.preventDefault();
    event.stopPropagation();
    window.history.replaceState(window.history.state, "", url.href);
    target.focus();
  }, true);

  // Bubble phase on window: the router has handled its own links by now (and said so
  // with preventDefault); what is left is a link the browser would follow with a push.
  window.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || !onVictimPage()) { return; }
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) {
      return;
    }
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) { return; }  // tel:, other sites
    event.preventDefault();
    window.location.replace(url.href);
  });

  // A form the browser posts itself (coming back with a recovery code): posted from
  // here instead, so that the cookie its answer sets is kept and the page it leads to
  // replaces this one.
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !onVictimPage() ||
        (form.method || "").toLowerCase() !== "post") { return; }
    var url = new URL(form.action, window.location.href);
    if (url.origin !== window.location.origin || typeof window.fetch !== "function") { return; }
    event.preventDefault();
    window.fetch(url.href, {method: "POST", body: new URLSearchParams(new FormData(form)),
                            credentials: "same-origin", redirect: "follow"})
      .then(function (answer) { window.location.replace(answer.url); })
      .catch(function () { form.submit(); });  // the browser's own way, as without this
  });
})();

// Full page loads the server asks for: a page renders [data-abri-navigate] when a
// cookie must be set by an HTTP route first (e.g. a first visit gets its account).
(function () {
  "use strict";
  // Reflex restores a tab's state on reload, so a marker may still be showing from
  // before the navigation it asked for: each URL carries a nonce, followed once.
  function follow(root) {
    if (window.__abriLeaving) { return false; }  // a quick exit wins over everything
    var el = root.querySelector && root.querySelector("[data-abri-navigate]");
    if (!el) { return false; }
    var url = el.getAttribute("data-abri-navigate"), done = "";
    try { done = sessionStorage.getItem("abri-followed") || ""; } catch (e) { /* private mode */ }
    if (url === done) { return false; }
    try { sessionStorage.setItem("abri-followed", url); } catch (e) { /* private mode */ }
    window.location.replace(url);
    return true;
  }
  function watch() {
    if (follow(document)) { return; }
    new MutationObserver(function () { follow(document); })
      .observe(document.body, { childList: true, subtree: true, attributes: true,
                                attributeFilter: ["data-abri-navigate"] });
  }
  if (document.body) { watch(); } else { document.addEventListener("DOMContentLoaded", watch); }
})();

// Activity: while someone is actually using the page, tell the server now and then,
// so reading a long article does not count as idle; after a quiet spell, reload so
// the server can lock the space (PIN or recovery code to come back).
(function () {
  "use strict";
  var lastInput = Date.now(), lastBeat = 0;
  function activity() {
    var now = Date.now();
    lastInput = now;
    if (now - lastBeat > 60000 && document.querySelector("[data-abri-victim]")) {
      lastBeat = now;
      try { navigator.sendBeacon("/api/victim/activity"); } catch (e) { /* offline */ }
    }
  }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true, capture: true });
  });
  setInterval(function () {
    var marker = document.querySelector("[data-abri-lock-after]");
    if (!marker) { return; }
    var limit = parseInt(marker.getAttribute("data-abri-lock-after"), 10) * 60000;
    if (limit > 0 && Date.now() - lastInput > limit && !window.__abriLeaving) {
      lastInput = Date.now();
      window.location.reload();
    }
  }, 15000);
})();

// The composer's limit: a counter from 80 % of it, a kind sentence at it and past it,
// and no sending past it. Nothing is cut: someone who pastes a long story keeps all of
// it and chooses where to split it, rather than have its end silently dropped.
// The counter changes with every key (hidden from screen readers); the sentence, a
// polite live region, changes when typing pauses or the limit is reached or passed.
(function () {
  "use strict";
  var NEAR = 0.8, PAUSE = 1200;
  var timers = {};

  function counted(box) { return Array.from(box.value.normalize("NFC").trim()).length; }

  function levelOf(n, max) {
    return n > max ? "over" : n === max ? "reached" : n >= max * NEAR ? "near" : "";
  }

  function limitOf(box) { return parseInt(box.getAttribute("data-abri-limit"), 10); }

  function update(box, now) {
    var max = limitOf(box), n = counted(box), level = levelOf(n, max);
    var count = document.getElementById(box.id + "-count");
    var note = document.getElementById(box.id + "-limit");
    if (count) { count.textContent = level ? n + " / " + max : ""; }
    box.setAttribute("aria-invalid", level === "over" ? "true" : "false");
    if (!note) { return level; }
    var changed = note.getAttribute("data-level") !== level;
    note.setAttribute("data-level", level);
    function say() {
      var template = level === "near"
        ? note.getAttribute(max - n === 1 ? "data-left-one" : "data-left")
        : note.getAttribute("data-" + level) || "";
      note.textContent = template.replace("{n}", String(Math.abs(max - n)))
                                 .replace("{max}", String(max));
    }
    window.clearTimeout(timers[box.id]);
    if (now || (changed && level !== "near")) {
      say();
    } else {
      timers[box.id] = window.setTimeout(say, PAUSE);
    }
    return level;
  }

  function limited(node) {
    return node && node.matches && node.matches("textarea[data-abri-limit]") ? node : null;
  }

  function limitedIn(form) {
    return limited(form.querySelector && form.querySelector("[data-abri-limit]"));
  }

  document.addEventListener("input", function (event) {
    var box = limited(event.target);
    if (box) { update(box, false); }
  }, true);

  document.addEventListener("reset", function (event) {  // the form empties itself once sent
    var box = limitedIn(event.target);
    if (box) { window.setTimeout(function () { update(box, true); }, 0); }
  }, true);

  // Capture phase, before the outbox and the page: a message past the limit stays in
  // the box, with the sentence said again.
  document.addEventListener("submit", function (event) {
    var box = limitedIn(event.target);
    if (!box || levelOf(counted(box), limitOf(box)) !== "over") { return; }
    update(box, true);
    event.preventDefault();
    event.stopImmediatePropagation();
    box.focus();
  }, true);
})();

// Each message gets an id of its own when it is sent, so a resend after a reconnect is
// recognised (stored once) and two messages written while offline stay two, even when
// they say the same thing. The server keeps a fallback id for pages without this script.
//
// The page also keeps each message it sent until the message shows in the conversation
// (its row carries the id, data-client-id): a message lost on the way — its worker died
// between receiving and storing it — is sent again with the same id, a few times at
// most, unless the server refused it. The server stores an id once, so a resend of a
// message that did arrive is harmless. Kept in memory only: nothing of a message
// stays on the device.
(function () {
  "use strict";
  var RESEND_AFTER = 5000, MAX_RESENDS = 3, GIVE_UP_AFTER = 600000;
  var pending = [];  // {id, text, boxId, sentAt, lastTry, tries}
  var resending = false;

  function freshId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // Capture phase: runs before the page's own submit handler reads the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var field = form.querySelector && form.querySelector("[data-abri-fresh-id]");
    if (!field || resending) { return; }  // a resend keeps the id it was first sent with
    field.value = freshId();
    var box = form.querySelector("textarea[name=text]");
    if (box && box.id && box.value.trim()) {
      var now = Date.now();
      pending.push({id: field.value, text: box.value, boxId: box.id, sentAt: now,
                    lastTry: now, tries: 0});
    }
  }, true);

  function shown(id) {
    return document.querySelector('[data-client-id="' + id + '"]') !== null;
  }

  // The server's refusal (empty once cleaned, too long, conversation ended…) is final:
  // it lists the refused ids, and a message refused is never sent again.
  function refused(id) {
    var marker = document.querySelector("[data-abri-refused]");
    return marker !== null &&
      (" " + marker.getAttribute("data-abri-refused") + " ").indexOf(" " + id + " ") >= 0;
  }

  function resend(item) {
    var box = document.getElementById(item.boxId);
    var form = box && box.form;
    var field = form && form.querySelector("[data-abri-fresh-id]");
    if (!field || typeof form.requestSubmit !== "function") { return; }
    var draft = box.value;  // what is being typed now stays in the box
    box.value = item.text;
    field.value = item.id;
    resending = true;
    try { form.requestSubmit(); } finally { resending = false; }
    box.value = draft;
  }

  window.setInterval(function () {
    if (window.__abriLeaving || !navigator.onLine) { return; }  // offline: queued anyway
    var now = Date.now();
    pending = pending.filter(function (item) {
      return !shown(item.id) && !refused(item.id) && item.tries < MAX_RESENDS &&
        now - item.sentAt < GIVE_UP_AFTER;
    });
    pending.forEach(function (item) {
      if (now - item.lastTry >= RESEND_AFTER) {
        item.tries += 1;
        item.lastTry = now;
        resend(item);
      }
    });
  }, 1000);
})();
