// The queue server's REST API as the desk page uses it: the session cookie travels by
// itself; every request that changes state carries the session's CSRF token.

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

/** The server could not be reached at all (restarting, network down). */
export class Unreachable extends Error {}

export class Api {
  constructor() {
    this.csrf = null;
  }

  async request(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && this.csrf) headers["X-CSRF-Token"] = this.csrf;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      throw new Unreachable(String(error));
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      // A proxy or a stopping server may answer without JSON; the status still counts.
    }
    if (!response.ok) {
      throw new ApiError(response.status, data?.error ?? "http_error",
                         data?.detail ?? response.statusText);
    }
    return data;
  }

  get(path) {
    return this.request("GET", path);
  }

  post(path, body = {}) {
    return this.request("POST", path, body);
  }

  desk(location, number, action = "", body) {
    const base = `/api/v1/locations/${encodeURIComponent(location)}/desks/${number}`;
    return action ? this.post(`${base}/${action}`, body) : this.get(base);
  }
}
