// « Mon coffre-fort »: files chosen, dropped or pasted go one by one to the streaming
// upload route as the raw body (not a form), so each has its own progress bar and
// can be cancelled. Loaded by the safe page only (a static file: the CSP forbids
// inline scripts); loading it again after a page change adds nothing twice.
(function () {
  "use strict";
  if (window.__abriVault) { return; }
  window.__abriVault = true;

  var ENDPOINT = "/api/vault/upload", AT_ONCE = 2, DONE_SHOWN_MS = 8000;
  var queue = [], running = 0, refreshTimer = 0;

  function list() { return document.querySelector("[data-vault-uploads]"); }
  function text(key, values) {
    var box = list(), s = (box && box.getAttribute("data-" + key)) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }
  function say(sentence) {
    var region = document.getElementById("vault-upload-status");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = sentence; }, 50);
  }
  function refresh() {  // several files finishing together: one refresh
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(function () {
      var button = document.getElementById("vault-refresh");
      if (button) { button.click(); }
    }, 150);
  }

  // What the browser says a file is, only to stop early what the server would refuse
  // by its size anyway; the server decides the kind from the bytes themselves.
  function limitMb(file) {
    var box = list(), type = file.type || "", kind = "image";
    if (type.indexOf("video/") === 0) { kind = "video"; }
    else if (type === "application/pdf") { kind = "pdf"; }
    else if (type.indexOf("text/") === 0) { kind = "text"; }
    else if (type.indexOf("image/") !== 0) { kind = "video"; }  // unknown: the largest
    return parseInt((box && box.getAttribute("data-limit-" + kind)) || "0", 10);
  }

  function row(file) {
    var box = list(), name = file.name;
    var li = document.createElement("li"), label = document.createElement("span");
    var bar = document.createElement("div"), fill = document.createElement("div");
    var msg = document.createElement("p"), button = document.createElement("button");
    li.className = "vault-up";
    li.setAttribute("data-state", "waiting");
    label.className = "vault-up-name";
    label.dir = "auto";
    label.textContent = name;  // text, never HTML: a file name is the sender's choice
    bar.className = "vault-up-bar";
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", "0");
    bar.setAttribute("aria-label", text("text-sending", {name: name}));
    fill.className = "vault-up-fill";
    bar.appendChild(fill);
    msg.className = "vault-up-msg";
    msg.textContent = text("text-waiting", {name: name});
    button.type = "button";
    button.textContent = text("text-stop");
    button.setAttribute("aria-label", text("text-cancel", {name: name}));
    button.title = text("text-cancel", {name: name});
    li.appendChild(label);
    li.appendChild(button);
    li.appendChild(bar);
    li.appendChild(msg);
    if (box) { box.appendChild(li); }
    return {li: li, bar: bar, fill: fill, msg: msg, button: button, name: name};
  }

  function progress(view, percent) {
    view.fill.style.width = percent + "%";
    view.bar.setAttribute("aria-valuenow", String(percent));
    view.msg.textContent = text("text-sending", {name: view.name}) + " — " + percent + " %";
  }

  function dismissable(view) {
    view.button.textContent = text("text-dismiss");
    view.button.setAttribute("aria-label", text("text-dismiss") + " — " + view.name);
    view.button.title = text("text-dismiss");
    view.button.onclick = function () { view.li.remove(); };
  }

  function finish(view, state, sentence) {
    view.li.setAttribute("data-state", state);
    view.msg.textContent = sentence;
    view.bar.hidden = true;
    say(sentence);
    if (state === "done") {
      view.button.hidden = true;
      window.setTimeout(function () { view.li.remove(); }, DONE_SHOWN_MS);
    } else {
      dismissable(view);
    }
  }

  function refusal(code, limit) {
    // Reflex drops the underscores of attribute names: data-refused-toobig for too_big.
    var sentence = text("refused-" + String(code).replace(/_/g, ""), {limit: String(limit || "")});
    return sentence || text("refused-failed");
  }

  function send(job) {
    var view = job.view, file = job.file, xhr = new XMLHttpRequest();
    running += 1;
    job.xhr = xhr;
    view.li.setAttribute("data-state", "sending");
    view.msg.textContent = text("text-sending", {name: view.name});
    xhr.open("POST", ENDPOINT);
    xhr.setRequestHeader("X-Vault-Filename", encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable && event.total > 0) {
        progress(view, Math.min(99, Math.floor(100 * event.loaded / event.total)));
      }
    };
    xhr.onload = function () {
      var answer = xhr.response || {};
      if (xhr.status >= 200 && xhr.status < 300 && answer.ok) {
        progress(view, 100);
        finish(view, "done", text("text-done", {name: view.name}));
        refresh();
      } else {
        finish(view, "refused", refusal(answer.code || (xhr.status === 401 ? "session" : "failed"),
                                        answer.limit_mb));
      }
      next(job);
    };
    xhr.onerror = function () {
      finish(view, "refused", refusal("cut_off"));
      next(job);
    };
    xhr.onabort = function () {
      finish(view, "cancelled", text("text-cancelled", {name: view.name}));
      next(job);
    };
    xhr.send(file);
  }

  function next(job) {
    if (job.finished) { return; }
    job.finished = true;
    running -= 1;
    pump();
  }

  function pump() {
    while (running < AT_ONCE && queue.length) { send(queue.shift()); }
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var view = row(file), job = {file: file, view: view, xhr: null, finished: false};
      view.button.onclick = function () {
        if (job.xhr) { job.xhr.abort(); return; }
        queue = queue.filter(function (other) { return other !== job; });  // not started yet
        finish(view, "cancelled", text("text-cancelled", {name: view.name}));
      };
      var limit = limitMb(file);
      if (file.size === 0) {
        finish(view, "refused", refusal("empty"));
      } else if (limit && file.size > limit * 1024 * 1024) {
        finish(view, "refused", refusal("too_big", limit));
      } else {
        queue.push(job);
      }
    });
    pump();
  }

  // A pasted screenshot has no useful name: give it one with the moment it was kept.
  function named(file) {
    if (file.name && file.name !== "image.png" && file.name !== "image.jpeg") { return file; }
    var now = new Date(), pad = function (n) { return ("0" + n).slice(-2); };
    var ext = (file.type.split("/")[1] || "png").replace("jpeg", "jpg");
    var name = text("text-pasted") + "-" + now.getFullYear() + "-" + pad(now.getMonth() + 1) +
      "-" + pad(now.getDate()) + "-" + pad(now.getHours()) + pad(now.getMinutes()) +
      pad(now.getSeconds()) + "." + ext;
    try { return new File([file], name, {type: file.type}); } catch (e) { return file; }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-vault-input]") || !input.files) { return; }
    add(input.files);
    input.value = "";  // the same file may be chosen again
  });

  function zoneOf(event) { return event.target.closest && event.target.closest("[data-vault-drop]"); }
  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var zone = zoneOf(event);
      if (!zone) { return; }
      event.preventDefault();
      if (event.dataTransfer) { event.dataTransfer.dropEffect = "copy"; }
      zone.setAttribute("data-over", "");
    });
  });
  document.addEventListener("dragleave", function (event) {
    var zone = zoneOf(event);
    if (zone && !zone.contains(event.relatedTarget)) { zone.removeAttribute("data-over"); }
  });
  document.addEventListener("drop", function (event) {
    var zone = zoneOf(event);
    if (!zone) {
      // Dropped beside the zone on the safe's page: not opened by the browser instead.
      if (list()) { event.preventDefault(); }
      return;
    }
    event.preventDefault();
    zone.removeAttribute("data-over");
    if (event.dataTransfer && event.dataTransfer.files.length) { add(event.dataTransfer.files); }
  });
  document.addEventListener("dragover", function (event) {
    if (list() && !zoneOf(event)) { event.preventDefault(); }
  });

  // Back from an item's details: the focus returns to that item in the list, not to
  // the top of the page (keyboard and screen-reader users keep their place).
  var lastOpened = "";
  document.addEventListener("click", function (event) {
    var open = event.target.closest && event.target.closest(".vault-open");
    var item = open && open.closest("[data-item-id]");
    if (item) { lastOpened = item.getAttribute("data-item-id"); return; }
    if (!(event.target.closest && event.target.closest("[data-vault-back]")) || !lastOpened) {
      return;
    }
    var wanted = lastOpened, tries = 0;
    var timer = window.setInterval(function () {
      var row = document.querySelector('[data-item-id="' + wanted + '"] .vault-open');
      if (row) { row.focus(); }
      if (row || ++tries > 40) { window.clearInterval(timer); }
    }, 50);
  });

  // Ctrl/Cmd+V anywhere on the safe's page: a copied screenshot is kept; pasted text
  // goes where it was pasted, as usual.
  document.addEventListener("paste", function (event) {
    if (!list() || !event.clipboardData) { return; }
    var files = Array.prototype.filter.call(event.clipboardData.files || [], function (f) {
      return f.size >= 0;
    });
    if (!files.length) { return; }
    event.preventDefault();
    add(files.map(named));
  });
})();
