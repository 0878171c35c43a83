/* Weiterbildungslotse chat widget: one <script src=".../lotse-widget.js" data-server="…"> on any page.
 * Options (data-*): server, title, color, position (right|left), transport (auto|rest), privacy-url,
 * socket-path. Nothing is stored in the browser and nothing is sent anywhere before the citizen opens
 * the chat (TDDDG § 25); then a random session id and the visible conversation live in sessionStorage.
 * Bot text is only ever inserted as text, never as HTML. Scripts and styles come from this server.
 * The widget lives in a Shadow DOM with its own styles in px: a host page's CSS (button {display:none},
 * html {font-size:62.5%}, h2 {text-transform:uppercase}) reaches neither its elements nor its sizes.
 * Every sentence a citizen (or the web team, in the console) reads is in TEXT below. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.LotseWidget) return;
  var data = script.dataset;
  // ---- wording: every text of the widget, in one place ----------------------------------------
  var TEXT = {
    launcher: "Fragen zur Weiterbildung? Chat öffnen",
    save: "Speichern",
    saveLabel: "Verlauf speichern (als Textdatei)",
    closeLabel: "Chat schließen",
    introSummary: "Hinweis: automatischer Assistent, Datenschutz",
    introBot: "Sie schreiben mit einem automatischen Assistenten (Chatbot), nicht mit einem Menschen. " +
      "Die Antworten können unvollständig sein; verbindlich berät Sie die Weiterbildungsberatung.",
    introPrivacy: "Datenschutz: Ihre Eingaben werden zur Beantwortung an den Server übertragen. " +
      "Bitte geben Sie keine Gesundheitsdaten oder andere sensible Angaben ein. ",
    privacyMore: "Mehr zum Datenschutz",
    logLabel: "Gesprächsverlauf",
    inputLabel: "Ihre Nachricht",
    send: "Senden",
    you: "Sie",
    newWindow: " (öffnet neues Fenster)",
    choicesLabel: "Antwortmöglichkeiten",
    feedbackLabel: "War diese Antwort hilfreich?",
    helpful: "Hilfreich",
    notHelpful: "Nicht hilfreich",
    thanks: "Danke für Ihre Rückmeldung.",
    ratingFailed: "Ihre Bewertung konnte gerade nicht gespeichert werden.",
    waitForAnswer: "Bitte warten Sie einen Moment auf die Antwort.",
    tooLong: function (length, max) {
      return "Ihre Nachricht ist zu lang (" + length + " Zeichen). Bitte kürzen Sie sie auf höchstens " + max +
        " Zeichen.";
    },
    down: function (title, seconds, queued) {
      return "Der " + title + " ist gerade nicht erreichbar. " + (seconds ? "Neuer Versuch in " + seconds +
        " Sekunden." : "Wir versuchen es automatisch weiter.") +
        (queued ? " Ihre Nachricht wird gesendet, sobald die Verbindung steht." : "");
    },
    back: "Verbindung wiederhergestellt.",
    notConfigured: function (hotline) {
      return "Der Chat ist auf dieser Seite nicht eingerichtet. Persönliche Beratung bekommen Sie am Telefon: " +
        hotline + " (kostenfrei).";
    },
    consoleNotConfigured: function (origin, server) {
      return "Weiterbildungslotse: Der Chat-Server " + server + " erlaubt diese Seite (" + origin + ") nicht " +
        "(CORS/Origin). Bitte die Herkunft in LOTSE_CORS_ORIGINS bzw. im Helm-Wert cors eintragen.";
    },
    // The live region reads each answer as a whole: its texts, then how many courses and which buttons.
    courses: function (n) { return n === 1 ? "1 Kurs" : n + " Kurse"; },
    buttons: "Buttons: ",
    transcriptTitle: " – Gesprächsverlauf",
    transcriptId: "Gesprächs-ID: ",
    transcriptSaved: "Gespeichert am: ",
    transcriptChoices: "  Auswahl: ",
    transcriptFile: "weiterbildungslotse-gespraech.txt"
  };
  var base = script.src.replace(/[^/]*$/, "");
  var config = {
    server: data.server || new URL(script.src).origin,
    title: data.title || "Weiterbildungslotse",
    color: data.color || "#0b5394",
    position: data.position === "left" ? "left" : "right",
    transport: data.transport === "rest" ? "rest" : "auto",
    socketPath: data.socketPath || "/socket.io/",
    privacyUrl: data.privacyUrl || "",
    hotline: data.hotline || "0800 4 5555 00" // the Agentur für Arbeit, as bot/config.py DEFAULT_HOTLINE
  };
  var STORE = "lotse-widget";
  var MAX_CHARS = 1000;
  var MAX_QUEUE = 3;
  var QUIET_MS = 1500; // socket.io has no "answer complete" event: an answer ends after this pause
  var state = null; // {id, proof, open, items: [{who, text, buttons, used, rating, end}]}
  var transport = null;
  var waiting = false;
  var pending = [];
  var quietTimer = null;
  var answer = []; // the bot's messages of the answer being received, announced together when it ends
  var SMALL = "(max-height: 500px)"; // 200 % zoom of 1280×720 and more: full screen, intro folded

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, label) {
    var b = el("button", className, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    return b;
  }

  function readableOn(hex) {
    // Pick black or white text for the theme colour, whichever contrasts more (WCAG relative luminance).
    var m = /^#?([0-9a-f]{6})$/i.exec(hex);
    if (!m) return "#ffffff";
    var lum = [0, 2, 4].map(function (i) {
      var c = parseInt(m[1].substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff" : "#111111";
  }

  // ---- static structure -------------------------------------------------------------------
  var host = document.createElement("lotse-widget"); // a custom tag: host rules for div or p do not match it
  host.style.display = "none"; // until the widget's own styles have loaded
  var shadow = host.attachShadow({ mode: "open" });
  var root = el("div", "lotse-root lotse-" + config.position);
  root.style.setProperty("--lotse-color", /^#[0-9a-f]{6}$/i.test(config.color) ? config.color : "#0b5394");
  root.style.setProperty("--lotse-on-color", readableOn(config.color));
  var launcher = button("lotse-launcher", TEXT.launcher);
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "lotse-panel");
  var panel = el("div", "lotse-panel");
  panel.id = "lotse-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false");
  panel.setAttribute("aria-labelledby", "lotse-title");
  var header = el("div", "lotse-header");
  var heading = el("h2", "lotse-title", config.title);
  heading.id = "lotse-title";
  var download = button("lotse-tool lotse-save", "", TEXT.saveLabel);
  download.append(icon("M5 20h14v-2H5v2zM11 3v9.2L7.4 8.6 6 10l6 6 6-6-1.4-1.4-3.6 3.6V3h-2z"),
    el("span", "lotse-save-label", TEXT.save));
  var close = button("lotse-tool lotse-close", "×", TEXT.closeLabel);
  header.append(heading, download, close);
  // Folded at small heights (zoom), so that the conversation keeps the space; the summary stays visible.
  var intro = el("details", "lotse-intro");
  intro.appendChild(el("summary", "", TEXT.introSummary));
  intro.appendChild(el("p", "", TEXT.introBot));
  var privacy = el("p", "", TEXT.introPrivacy);
  if (/^https?:\/\//.test(config.privacyUrl)) {
    var more = el("a", "", TEXT.privacyMore);
    more.href = config.privacyUrl;
    privacy.appendChild(more);
  }
  intro.appendChild(privacy);
  var log = el("ol", "lotse-log");
  log.setAttribute("aria-label", TEXT.logLabel);
  log.tabIndex = 0;
  var typing = el("li", "lotse-typing");
  typing.setAttribute("aria-hidden", "true");
  typing.append(el("span"), el("span"), el("span"));
  var announcer = el("div", "lotse-sr");
  announcer.setAttribute("aria-live", "polite");
  var status = el("p", "lotse-status");
  status.setAttribute("role", "status");
  var form = el("form", "lotse-form");
  form.noValidate = true;
  var label = el("label", "lotse-sr", TEXT.inputLabel);
  label.htmlFor = "lotse-input";
  var input = el("textarea", "lotse-input");
  input.id = "lotse-input";
  input.rows = 1;
  input.dir = "auto"; // Arabic and Farsi are typed right to left
  input.autocomplete = "off";
  input.setAttribute("aria-describedby", "lotse-error");
  var send = el("button", "lotse-send", TEXT.send);
  send.type = "submit";
  var error = el("p", "lotse-error");
  error.id = "lotse-error";
  error.setAttribute("role", "alert");
  form.append(label, input, send);
  panel.append(header, intro, log, announcer, status, error, form);
  root.append(launcher, panel);
  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = base + "lotse-widget.css";
  link.onload = link.onerror = function () {
    host.style.display = "";
    // Opened again after a reload before the styles arrived: the log had no height yet, so it
    // would stay at the top of a long conversation. Now it has one: show its end.
    if (!panel.hidden) scrollDown();
  };
  shadow.append(link, root);
  document.body.appendChild(host);
  var small = window.matchMedia ? window.matchMedia(SMALL) : { matches: false };
  intro.open = !small.matches;
  if (small.addEventListener) small.addEventListener("change", function () { intro.open = !small.matches; });

  // ---- state -----------------------------------------------------------------------------
  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || "null"); } catch (e) { return null; }
  }

  function save() {
    try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ }
  }

  // ---- rendering -------------------------------------------------------------------------
  var NOTE = /^(Hinweis|Achtung|Note):/; // the demo-data note, in every variant of wording/citizen.yml
  var LINK = /https?:\/\/[^\s<>"']+/g;

  function appendText(parent, text) {
    // Text nodes and <a> elements only; links only for http(s) URLs.
    var last = 0;
    text.replace(LINK, function (match, offset) {
      var url = match.replace(/[.,;:!?)]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = el("a", "", url);
      try {
        var parsed = new URL(url);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
        a.href = parsed.href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.appendChild(el("span", "lotse-sr", TEXT.newWindow));
        parent.appendChild(a);
      } catch (e) {
        parent.appendChild(document.createTextNode(url));
      }
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderItem(item, index) {
    var li = el("li", "lotse-msg lotse-" + item.who);
    li.appendChild(el("span", "lotse-sr", (item.who === "user" ? TEXT.you : config.title) + ": "));
    if (item.who === "bot" && /^\d{1,2}\.\s/.test(item.text)) {
      li.classList.add("lotse-card");
      var lines = item.text.split("\n");
      var title = el("strong", "lotse-card-title");
      appendText(title, lines[0]);
      li.appendChild(title);
      title.dir = "auto";
      lines.slice(1).forEach(function (line) {
        var row = el("span", "lotse-card-line");
        row.dir = "auto";
        appendText(row, line);
        li.appendChild(row);
      });
    } else {
      var body = el("span", "lotse-text");
      // Each message finds its own direction from its first letter: Arabic and Farsi read right to
      // left, German, English and the rest left to right (the page itself stays German).
      body.dir = "auto";
      appendText(body, item.text);
      li.appendChild(body);
    }
    if (item.buttons && item.buttons.length && !item.used) li.appendChild(renderChoices(item));
    if (item.who === "bot" && item.end) li.appendChild(renderFeedback(item, index));
    return li;
  }

  function renderChoices(item) {
    var group = el("div", "lotse-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.choicesLabel);
    item.buttons.forEach(function (choice) {
      var b = button("lotse-choice", choice.title);
      b.dir = "auto";
      b.addEventListener("click", function () {
        if (waiting && pending.length >= MAX_QUEUE) return;
        item.used = true;
        group.remove();
        input.focus(); // the pressed button is gone; keep keyboard users in the conversation
        submit(choice.payload, choice.title);
      });
      group.appendChild(b);
    });
    return group;
  }

  function renderFeedback(item, index) {
    var group = el("div", "lotse-feedback");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.feedbackLabel);
    [["up", TEXT.helpful], ["down", TEXT.notHelpful]].forEach(function (spec) {
      var b = button("lotse-rate lotse-rate-" + spec[0], "", spec[1]);
      b.appendChild(thumb());
      b.setAttribute("aria-pressed", String(item.rating === spec[0]));
      b.addEventListener("click", function () { rate(item, index, spec[0], group); });
      group.appendChild(b);
    });
    return group;
  }

  function thumb() {
    return icon("M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6V3a1.5 1.5 0 0 0-.4-1L13.2 1 " +
      "7.6 6.6A2 2 0 0 0 7 8v11a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z");
  }

  function icon(d) {
    // Inline SVG: emoji fonts are missing on many systems, and icon fonts would be a download.
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  function renderAll() {
    log.textContent = "";
    state.items.forEach(function (item, index) { log.appendChild(renderItem(item, index)); });
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function add(item) {
    state.items.push(item);
    save();
    var index = state.items.length - 1;
    var node = renderItem(item, index);
    if (typing.parentNode) log.insertBefore(node, typing); else log.appendChild(node);
    if (item.who === "bot") answer.push(item);
    scrollDown();
    return index;
  }

  function announce() {
    // One announcement per answer, replacing the last: nothing of it is removed before it is read.
    if (!answer.length) return;
    var texts = [], cards = 0, titles = [];
    answer.forEach(function (item) {
      if (/^\d{1,2}\.\s/.test(item.text)) cards += 1; else if (item.text) texts.push(item.text);
      (item.buttons || []).forEach(function (b) { titles.push(b.title); });
    });
    var parts = texts.slice();
    if (cards || titles.length) {
      parts.push([cards ? TEXT.courses(cards) : "", titles.length ? TEXT.buttons + titles.join(", ") : ""]
        .filter(Boolean).join(", ") + ".");
    }
    answer = [];
    announcer.textContent = "";
    announcer.appendChild(el("p", "", config.title + ": " + parts.join(" ")));
  }

  var statusTimer = null;
  var configError = false;
  function setStatus(kind, seconds) {
    clearTimeout(statusTimer);
    if (kind === "config") {
      // The server answers but does not allow this page: a setting of the installation, not an outage.
      if (!configError && window.console) console.error(TEXT.consoleNotConfigured(location.origin, config.server));
      configError = true;
      status.textContent = TEXT.notConfigured(config.hotline);
      typing.remove();
      return;
    }
    if (kind === "back") configError = false;
    if (configError) return; // "nicht erreichbar, neuer Versuch …" would promise what retrying cannot mend
    if (kind === "down") {
      status.textContent = TEXT.down(config.title, seconds, pending.length || waiting);
    } else if (kind === "back") {
      status.textContent = TEXT.back;
    } else if (kind === "thanks") {
      status.textContent = TEXT.thanks;
      statusTimer = setTimeout(function () { status.textContent = ""; }, 6000);
    } else {
      status.textContent = kind || "";
    }
  }

  // ---- conversation ----------------------------------------------------------------------
  function disableOldChoices() {
    state.items.forEach(function (item) { if (item.buttons && item.buttons.length) item.used = true; });
    Array.prototype.forEach.call(log.querySelectorAll(".lotse-choices"), function (g) { g.remove(); });
  }

  function submit(message, shown) {
    if (waiting) {
      if (pending.length >= MAX_QUEUE) {
        error.textContent = TEXT.waitForAnswer;
        return false;
      }
      pending.push(message);
    }
    disableOldChoices();
    if (status.textContent === TEXT.thanks) setStatus(""); // the thanks belong to the answer before
    add({ who: "user", text: shown || message });
    if (!waiting) dispatch(message);
    return true;
  }

  function dispatch(message) {
    waiting = true;
    form.setAttribute("aria-busy", "true");
    log.appendChild(typing);
    scrollDown();
    start().then(function () {
      clearTimeout(quietTimer);
      if (transport.streams()) quietTimer = setTimeout(answered, 45000); // never block the input for good
      transport.send(message);
    });
  }

  function answered() {
    clearTimeout(quietTimer);
    typing.remove();
    var index = ratedIndex();
    if (index >= 0 && !state.items[index].end) {
      state.items[index].end = true;
      save();
      var node = log.children[index];
      if (node) node.appendChild(renderFeedback(state.items[index], index));
    }
    waiting = false;
    form.removeAttribute("aria-busy");
    error.textContent = "";
    announce();
    if (pending.length) dispatch(pending.shift());
  }

  function ratedIndex() {
    // The thumbs go under the answer itself: after its last message that is neither a note (the
    // demo-data note) nor a yes/no question (consent, booking, deletion: a button "/affirm"). An
    // answer that is only such a question asks for a decision, not a rating: no thumbs.
    var first = state.items.length;
    while (first > 0 && state.items[first - 1].who === "bot") first -= 1;
    if (first === state.items.length) return -1;
    for (var i = state.items.length - 1; i >= first; i -= 1) {
      var item = state.items[i];
      var yesNo = (item.buttons || []).some(function (b) { return b.payload === "/affirm"; });
      if (!NOTE.test(item.text) && !yesNo) return i;
    }
    return -1;
  }

  function received(message) {
    if (status.textContent.indexOf("nicht erreichbar") >= 0) status.textContent = "";
    if (message.text || message.buttons.length) add({ who: "bot", text: message.text, buttons: message.buttons });
    if (transport.streams()) {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(answered, QUIET_MS);
    }
  }

  function rate(item, index, rating, group) {
    item.rating = rating;
    save();
    Array.prototype.forEach.call(group.children, function (b, i) {
      b.setAttribute("aria-pressed", String((i === 0 ? "up" : "down") === rating));
    });
    fetch(config.server.replace(/\/$/, "") + "/webhooks/feedback/rating", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: state.id, message_index: index, rating: rating })
    }).then(function (response) {
      setStatus(response.ok ? "thanks" : TEXT.ratingFailed);
    }).catch(function () { setStatus(TEXT.ratingFailed); });
  }

  function transcript() {
    var lines = [config.title + TEXT.transcriptTitle, TEXT.transcriptId + state.id,
      TEXT.transcriptSaved + new Date().toLocaleString("de-DE"), ""];
    state.items.forEach(function (item) {
      lines.push((item.who === "user" ? TEXT.you : config.title) + ": " + item.text);
      if (item.buttons && item.buttons.length && !item.used) {
        lines.push(TEXT.transcriptChoices + item.buttons.map(function (b) { return b.title; }).join(" | "));
      }
    });
    var blob = new Blob([lines.join("\n") + "\n"], { type: "text/plain;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = TEXT.transcriptFile;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // ---- loading, opening, closing ---------------------------------------------------------
  function loadScript(src) {
    return new Promise(function (resolve) {
      var s = document.createElement("script");
      s.src = base + src;
      s.onload = s.onerror = function () { resolve(); };
      document.head.appendChild(s);
    });
  }

  function adoptSession(id, proof) {
    // The server's session (new, or ours confirmed): its id is the one the transcript names.
    state.id = id;
    state.proof = proof;
    save();
  }

  var started = null;
  function start() {
    if (!started) {
      var needSocket = config.transport !== "rest";
      started = (needSocket ? loadScript("vendor/socket.io/socket.io.min.js") : Promise.resolve())
        .then(function () { return loadScript("lotse-transport.js"); })
        .then(function () {
          transport = new window.LotseTransport(
            { server: config.server, socketPath: config.socketPath, transport: config.transport, sessionId: state.id,
              proof: state.proof || null },
            { message: received, answered: answered, status: setStatus, session: adoptSession });
        });
    }
    return started;
  }

  function open(focus) {
    if (!state) state = { id: newId(), open: true, items: [] };
    state.open = true;
    save();
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    if (!log.childNodes.length) renderAll();
    scrollDown();
    if (focus) input.focus();
    start();
  }

  function closePanel() {
    state.open = false;
    save();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { open(true); });
  close.addEventListener("click", closePanel);
  download.addEventListener("click", transcript);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); closePanel(); }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_CHARS) {
      input.setAttribute("aria-invalid", "true");
      error.textContent = TEXT.tooLong(text.length, MAX_CHARS);
      return;
    }
    input.removeAttribute("aria-invalid");
    error.textContent = "";
    if (submit(text)) input.value = "";
  });

  state = load(); // only present if the citizen opened the chat earlier in this browser tab
  if (state) {
    renderAll();
    if (state.open) open(false); else start();
  }
  window.LotseWidget = { open: function () { open(true); }, close: closePanel };
})();
