// A browser-like client for the bench: a cookie jar over fetch (loopback only), forms, and
// a WebSocket that queues frames so a caller can await "the next frame".

export class Browser {
  constructor(origin) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(origin)) throw new Error(`the bench only talks to loopback, not ${origin}`);
    this.origin = origin;
    this.cookies = new Map();
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader);
    if ((init.method ?? "GET") === "POST") headers.set("origin", this.origin);
    const response = await fetch(new URL(path, this.origin), { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === "" || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  post(path, form) {
    return this.fetch(path, { method: "POST", body: new URLSearchParams(form) });
  }

  /** GET following redirects, as a browser does. */
  async open(path) {
    let url = path;
    for (let i = 0; i < 5; i++) {
      const response = await this.fetch(url);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        url = location;
        continue;
      }
      return { response, url, html: await response.text() };
    }
    throw new Error(`too many redirects from ${path}`);
  }
}

/** Opens a WebSocket and resolves once it is open; frames queue up for `next()`. */
export function openSocket(url, cookie) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, cookie ? { headers: { cookie } } : undefined);
    const queue = [];
    const waiters = [];
    ws.addEventListener("message", (event) => {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(event.data);
      else queue.push(event.data);
    });
    ws.addEventListener("error", () => reject(new Error(`WebSocket to ${url} failed`)));
    ws.addEventListener("close", () => {
      for (const w of waiters.splice(0)) w.reject(new Error("socket closed"));
    });
    ws.addEventListener("open", () =>
      resolve({
        ws,
        send: (data) => ws.send(data),
        /** The next frame (or a rejection after `timeoutMs`). */
        next(timeoutMs = 10_000) {
          if (queue.length) return Promise.resolve(queue.shift());
          return new Promise((res, rej) => {
            const waiter = {
              resolve: (d) => {
                clearTimeout(timer);
                res(d);
              },
              reject: (e) => {
                clearTimeout(timer);
                rej(e);
              },
            };
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              rej(new Error(`no frame within ${timeoutMs} ms`));
            }, timeoutMs);
            waiters.push(waiter);
          });
        },
        close: () => ws.close(1000, "bench done"),
      }),
    );
  });
}
