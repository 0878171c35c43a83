/* Weiterbildungslotse chat widget: embedded with one <script> tag, no third-party code.
 * Talks to Rasa's REST channel. Nothing is stored in the browser before the citizen opens the chat.
 * Bot text is always inserted as text (textContent), never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = (script && script.dataset.server) || "http://localhost:5005";
  var title = (script && script.dataset.title) || "Weiterbildungslotse";
  var STORE = "lotse-session";
  var MAX_LENGTH = 1000;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var launcher = el("button", "lotse-launcher", "Chat: Fragen zur Weiterbildung");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  var panel = el("section", "lotse-panel");
  panel.hidden = true;
  panel.setAttribute("aria-label", title);
  var header = el("div", "lotse-header");
  header.appendChild(el("h2", "", title));
  var close = el("button", "", "Schließen");
  close.type = "button";
  header.appendChild(close);
  var log = el("div", "lotse-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  var status = el("p", "lotse-status");
  status.setAttribute("role", "status");
  var form = el("form", "lotse-form");
  var label = el("label", "", "Ihre Nachricht");
  label.className = "lotse-visually-hidden";
  label.htmlFor = "lotse-input";
  label.style.position = "absolute"; label.style.left = "-10000px";
  var input = el("input");
  input.id = "lotse-input";
  input.maxLength = MAX_LENGTH;
  input.autocomplete = "off";
  var send = el("button", "", "Senden");
  send.type = "submit";
  form.append(label, input, send);
  panel.append(header, log, status, form);
  document.body.append(launcher, panel);

  function sessionId() {
    var id = sessionStorage.getItem(STORE);
    if (!id) {
      id = (crypto.randomUUID && crypto.randomUUID()) || String(Math.random()).slice(2) + Date.now();
      sessionStorage.setItem(STORE, id);
    }
    return id;
  }

  function addMessage(who, text) {
    var node = el("p", "lotse-msg " + (who === "user" ? "lotse-user" : "lotse-bot"), text);
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
  }

  function addButtons(buttons) {
    var row = el("div", "lotse-buttons");
    buttons.forEach(function (b) {
      var button = el("button", "", b.title);
      button.type = "button";
      button.addEventListener("click", function () {
        row.remove();
        talk(b.payload, b.title);
      });
      row.appendChild(button);
    });
    log.appendChild(row);
  }

  function talk(message, shown) {
    addMessage("user", shown || message);
    status.textContent = "Der Assistent schreibt …";
    fetch(server + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sessionId(), message: message })
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (answers) {
      status.textContent = "";
      answers.forEach(function (a) {
        if (a.text) addMessage("bot", a.text);
        if (a.buttons && a.buttons.length) addButtons(a.buttons);
      });
    }).catch(function () {
      status.textContent = "Der Assistent ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.";
    });
  }

  function open() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    if (!log.childElementCount) {
      addMessage("bot", "Hinweis: Sie schreiben mit einem automatischen Assistenten, nicht mit einem Menschen. " +
        "Bitte geben Sie keine sensiblen Daten ein. Ihr Gespräch wird zur Beantwortung gespeichert.");
      log.lastChild.classList.add("lotse-notice");
      talk("/greet", "Hallo");
    }
    input.focus();
  }

  function hide() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  close.addEventListener("click", hide);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    talk(text.slice(0, MAX_LENGTH));
  });
})();
