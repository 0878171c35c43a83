/* Weiterbildungslotse: connection to the Rasa server.
 * socket.io first (channels/socketio.py: session_request with the stored session id and its proof,
 * re-sent on every reconnect; the server confirms that session or issues a new one, which is kept); if socket.io cannot connect but the REST channel answers, REST is used instead. When the
 * server is down, messages wait in a queue and are retried with growing pauses (2, 4, 8 … 30 s). A server
 * that answers but does not allow the page's origin is reported as such (status "config"). */
(function () {
  "use strict";

  function normalise(message) {
    // socket.io sends buttons as quick_replies, REST as buttons; custom payloads are not shown.
    // socket.io marks line breaks as Markdown hard breaks for other clients ("  \n"): plain text here.
    var out = { text: typeof message.text === "string" ? message.text.replace(/ +\n/g, "\n") : "" };
    var buttons = message.quick_replies || message.buttons || [];
    out.buttons = buttons.filter(function (b) { return b && typeof b.title === "string"; }).map(function (b) {
      return { title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title };
    });
    return out;
  }

  function Transport(config, on) {
    this.config = config;
    this.on = on; // {message(m), answered(), status(kind, seconds), session(id, proof)}
    this.queue = [];
    this.mode = config.transport === "rest" || !window.io ? "rest" : "socket";
    this.ready = this.mode === "rest";
    this.failures = 0;
    this.retryTimer = null;
    if (this.mode === "socket") this.connectSocket();
  }

  Transport.prototype.connectSocket = function () {
    var self = this;
    var socket = window.io(this.config.server, {
      path: this.config.socketPath,
      transports: ["websocket", "polling"], // websocket first: no sticky sessions needed behind replicas
      reconnectionDelay: 2000,
      reconnectionDelayMax: 30000,
      timeout: 10000
    });
    this.socket = socket;
    socket.on("connect", function () {
      // The proof shows that this tab owns the session; without it the server starts a new one.
      socket.emit("session_request", { session_id: self.config.sessionId, proof: self.config.proof || null });
    });
    socket.on("session_confirm", function (confirmed) {
      // Our server issues the session: {session_id, proof}; keep both (Rasa's own sends a bare id).
      if (confirmed && typeof confirmed === "object" && typeof confirmed.session_id === "string") {
        self.config.sessionId = confirmed.session_id;
        self.config.proof = typeof confirmed.proof === "string" ? confirmed.proof : null;
        if (self.on.session) self.on.session(self.config.sessionId, self.config.proof);
      }
      var wasDown = self.failures > 0;
      self.failures = 0;
      self.ready = true;
      if (wasDown) self.on.status("back");
      self.flush();
    });
    socket.on("bot_uttered", function (message) {
      if (message && typeof message === "object") self.on.message(normalise(message));
    });
    socket.on("disconnect", function () { self.ready = false; });
    socket.on("connect_error", function () {
      self.ready = false;
      self.failures += 1;
      self.on.status("down");
      if (self.failures === 2 && !self.everConnected) self.tryRest();
    });
    socket.io.on("open", function () { self.everConnected = true; });
  };

  Transport.prototype.restUrl = function (path) {
    return this.config.server.replace(/\/$/, "") + "/webhooks/rest/" + path;
  };

  Transport.prototype.tryRest = function () {
    // socket.io may be blocked (proxy, firewall) while plain HTTP works: then use REST for good.
    var self = this;
    fetch(this.restUrl(""), { method: "GET" }).then(function (response) {
      if (!response.ok || self.mode === "rest") return;
      self.socket.close();
      self.mode = "rest";
      self.ready = true;
      self.failures = 0;
      self.on.status("back");
      self.flush();
    }).catch(function () {
      // Server down (socket.io keeps retrying with backoff), or this page's origin is not allowed.
      self.diagnose(function () { self.on.status("config"); }, function () {});
    });
  };

  Transport.prototype.diagnose = function (refused, down) {
    // A failed fetch is either a server that is down or one that does not allow this page (CORS). A
    // "no-cors" request reaches a server that answers whatever it allows: then it is the origin.
    fetch(this.restUrl(""), { method: "GET", mode: "no-cors", cache: "no-store" }).then(refused, down);
  };

  Transport.prototype.send = function (text) {
    this.queue.push(text);
    if (this.queue.length === 1) this.flush();
  };

  Transport.prototype.flush = function () {
    if (!this.ready || !this.queue.length || this.sending) return;
    var text = this.queue[0];
    if (this.mode === "socket") {
      while (this.queue.length) {
        this.socket.emit("user_uttered", { message: this.queue.shift(), session_id: this.config.sessionId });
      }
      return;
    }
    this.sendRest(text);
  };

  Transport.prototype.sendRest = function (text) {
    var self = this;
    this.sending = true;
    fetch(this.restUrl("webhook"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.config.sessionId, message: text })
    }).then(function (response) {
      if (response.ok) return response.json();
      // The server refused this message and said why in German ({"meldung": ...}): 429 (too fast,
      // try again after Retry-After), 413/400 (this message cannot be sent). Show its words as the
      // bot's answer instead of "nicht erreichbar"; only a 429 is sent again.
      if (response.status === 429 || response.status === 413 || response.status === 400) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          var meldung = body && typeof body.meldung === "string" ? body.meldung : "";
          var wait = parseInt(response.headers.get("Retry-After") || "", 10);
          return { refused: response.status, meldung: meldung, wait: isNaN(wait) ? 10 : wait };
        });
      }
      throw new Error("HTTP " + response.status);
    }).then(function (messages) {
      if (messages && messages.refused) {
        self.sending = false;
        if (messages.meldung) self.on.message({ text: messages.meldung });
        self.on.answered();
        if (messages.refused === 429) {
          clearTimeout(self.retryTimer);
          self.retryTimer = setTimeout(function () { self.flush(); }, Math.min(60, messages.wait) * 1000);
        } else {
          self.queue.shift();
          self.flush();
        }
        return;
      }
      self.sending = false;
      self.queue.shift();
      if (self.failures > 0) self.on.status("back");
      self.failures = 0;
      (Array.isArray(messages) ? messages : []).forEach(function (m) { self.on.message(normalise(m)); });
      self.on.answered();
      self.flush();
    }).catch(function () {
      self.sending = false;
      self.failures += 1;
      var seconds = Math.min(30, Math.pow(2, self.failures));
      var retry = function (kind) {
        self.on.status(kind, seconds);
        clearTimeout(self.retryTimer);
        self.retryTimer = setTimeout(function () { self.flush(); }, seconds * 1000);
      };
      self.diagnose(function () { retry("config"); }, function () { retry("down"); });
    });
  };

  Transport.prototype.streams = function () { return this.mode === "socket"; };

  window.LotseTransport = Transport;
})();
