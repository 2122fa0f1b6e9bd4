// The phone page's live part. The server renders the page complete; this script follows the
// visit over a WebSocket and rewrites the status in place, in the page's language, with the
// same sentences as queue_server/web/visitor/status.py (describe). At "your turn" it also
// vibrates, shows a notification (when the visitor allowed them) and changes the title.
"use strict";

(function () {
  const main = document.getElementById("visit");
  if (!main) {
    return;
  }
  const texts = JSON.parse(main.dataset.texts);
  let status = JSON.parse(main.dataset.status);
  const headline = document.getElementById("headline");
  const detail = document.getElementById("detail");
  const connection = document.getElementById("connection");
  const notifyBox = document.getElementById("notify-box");
  const notifyButton = document.getElementById("notify");
  const notifyState = document.getElementById("notify-state");
  const token = window.location.pathname.split("/").pop();
  const firstTitle = document.title;
  let retryDelay = 1000;
  let socket = null;
  let stopped = false;

  function t(key, params) {
    let text = texts[key];
    for (const [name, value] of Object.entries(params || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function describe(s) {
    switch (s.state) {
      case "called":
        return [t("turn", { desk: s.desk }), t("turn_go", { desk: s.desk })];
      case "serving":
        return [t("serving", { desk: s.desk }), ""];
      case "done":
        return [t("done"), ""];
      case "closed":
        return [t("closed"), t("closed_help")];
      default: {
        const first = s.position === 1 ? t("position_next") : t("position", { n: s.position });
        const wait = s.expected_wait_minutes;
        let second;
        if (wait === null) {
          second = t("wait_unknown");
        } else if (wait <= 1) {
          second = t("wait_soon");
        } else {
          second = t("wait", { n: wait });
        }
        if (s.appointment_time !== null) {
          second += " " + t("appointment", { time: s.appointment_time });
        }
        return [first, second];
      }
    }
  }

  function render(next) {
    const [first, second] = describe(next);
    const turnNow = next.state === "called" && (status.state !== "called" || status.desk !== next.desk);
    main.dataset.state = next.state;
    headline.textContent = first;
    detail.textContent = second;
    detail.hidden = second === "";
    document.title = next.state === "called" ? t("turn", { desk: next.desk }) : firstTitle;
    status = next;
    if (next.final) {
      notifyBox.hidden = true;  // nothing left to be told about
    }
    if (turnNow) {
      announce(next);
    }
  }

  function announce(s) {
    if (typeof navigator.vibrate === "function") {
      navigator.vibrate([400, 200, 400, 200, 400]);
    }
    if ("Notification" in window && Notification.permission === "granted") {
      try {
        new Notification(t("turn", { desk: s.desk }), {
          body: t("turn_go", { desk: s.desk }), tag: "eenloket-turn", requireInteraction: true,
        });
      } catch (error) {
        // Some mobile browsers show notifications only from a service worker; the page
        // itself, the title and the vibration still announce the turn.
      }
    }
  }

  function showConnection(live) {
    connection.hidden = false;
    connection.dataset.live = live ? "true" : "false";
    connection.textContent = live ? t("live") : t("reconnecting");
  }

  function showEnded(key) {
    connection.hidden = false;
    connection.dataset.live = "false";
    connection.textContent = t(key);
  }

  function connect() {
    if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) {
      return;
    }
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + window.location.host + "/api/v1/visits/" + token + "/events");
    socket.onopen = function () {
      retryDelay = 1000;
      showConnection(true);
    };
    socket.onmessage = function (message) {
      render(JSON.parse(message.data));
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code === 1000 && status.final) {
        stopped = true;
        connection.hidden = true;
        return;
      }
      if (event.code === 4404 || event.code === 4410) {
        stopped = true;
        showEnded("expired");
        return;
      }
      showConnection(false);
      // Jitter spreads the reconnections of a whole hall after a Wi-Fi hiccup.
      const delay = retryDelay * (0.75 + Math.random() / 2);
      retryDelay = Math.min(retryDelay * 2, 30000);
      window.setTimeout(connect, delay);
    };
  }

  function setUpNotifications() {
    if (!("Notification" in window) || !window.isSecureContext || status.final) {
      return;
    }
    notifyBox.hidden = false;
    const show = function () {
      if (Notification.permission === "granted") {
        notifyButton.hidden = true;
        notifyState.textContent = t("notify_on");
      } else if (Notification.permission === "denied") {
        notifyButton.hidden = true;
        notifyState.textContent = t("notify_off");
      }
    };
    notifyButton.addEventListener("click", function () {
      Notification.requestPermission().then(show);
    });
    show();
  }

  document.addEventListener("visibilitychange", function () {
    // A phone that slept may have lost its connection: come back at once, not after backoff.
    if (document.visibilityState === "visible" && !socket && !stopped) {
      retryDelay = 1000;
      connect();
    }
  });

  setUpNotifications();
  if (!status.final) {
    connect();
  }
})();
