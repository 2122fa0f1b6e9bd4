// Follows a location's event stream and keeps following it: after a drop (server restart,
// network) it reconnects with the last sequence it saw, so nothing is missed.

const CLOSE_UNAUTHORIZED = 4401;
const RETRY_MS = [250, 500, 1000, 2000, 3000];

export class Stream {
  /**
   * @param {string} location  location code
   * @param {(message: object) => void} onMessage  every snapshot and event, in order
   * @param {(state: "live"|"reconnecting"|"unauthorized") => void} onState
   */
  constructor(location, onMessage, onState) {
    this.location = location;
    this.onMessage = onMessage;
    this.onState = onState;
    this.seq = null;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.stopped = false;
    this.resync = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000);
    this.socket = null;
  }

  connect() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const since = this.seq === null ? "" : `?since=${this.seq}`;
    const url = `${scheme}://${window.location.host}/api/v1/locations/` +
      `${encodeURIComponent(this.location)}/events${since}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      this.onState("live");
    });
    socket.addEventListener("message", (message) => this.receive(socket, message.data));
    socket.addEventListener("close", (event) => this.closed(socket, event.code));
  }

  receive(socket, text) {
    const message = JSON.parse(text);
    if (message.kind === "snapshot") {
      this.seq = message.snapshot.seq;
    } else {
      const seq = message.event.seq;
      if (this.seq !== null && seq <= this.seq) return;
      if (this.seq !== null && seq > this.seq + 1) {
        // A gap: reconnect at once and let the server send what we missed.
        this.resync = true;
        socket.close(1000);
        return;
      }
      this.seq = seq;
    }
    this.onMessage(message);
  }

  closed(socket, code) {
    if (socket !== this.socket || this.stopped) return;
    if (code === CLOSE_UNAUTHORIZED) {
      this.onState("unauthorized");
      return;
    }
    if (this.resync) {
      this.resync = false;
      this.connect();
      return;
    }
    this.onState("reconnecting");
    const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
