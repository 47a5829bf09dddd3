// Files sent in chunks. A form with `data-chunked-upload="<url>"` that is submitted with a
// file bigger than one chunk does not post the file itself: its File is sliced and each slice
// is posted to <url> in order (the upload's random id, the slice's index, whether it is the
// last, the file's size and name in the query; the bytes as the body), a slice that fails to
// arrive sent again (the server takes a slice once), with a progress bar (`[data-upload-progress]`
// holding a <progress> and `[data-upload-status]`). Then the form is submitted as usual with
// the file input emptied and the upload's id in its `input[data-upload-id]`. The browser holds
// one slice at a time (File.slice reads from disk). Without JavaScript the form posts the file
// whole, as before. A workbook (read whole by the server: its zip directory is at its end) always goes whole.
// Generic: it knows the data attributes, nothing of Trove's screens.

const CHUNK = 1_048_576;
const TRIES = 5;
/** Forms whose next submit is the one after their upload. */
const sent = new WeakSet<HTMLFormElement>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

const mb = (bytes: number) => (bytes / 1_048_576).toLocaleString("en", { maximumFractionDigits: 1 });

type Answer = { ok: true; received: number } | { ok: false; reason: string };

/** Posts one slice, again after a failed connection; the server's answer. */
async function post(url: string, body: Blob): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", body, credentials: "same-origin", headers: { "content-type": "application/octet-stream", accept: "application/json" } });
    } catch {
      if (attempt >= TRIES) return { ok: false, reason: "The connection failed while the file was being sent: choose it again." };
      await sleep(400 * 2 ** attempt);
      continue;
    }
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("application/json")) {
      // The upload's outcome, or an error the server mapped (signed out, say): its message.
      const answer = (await response.json()) as Answer | { ok: false; message?: string };
      return "reason" in answer || answer.ok ? (answer as Answer) : { ok: false, reason: answer.message ?? `The server refused part of the file (${response.status}).` };
    }
    if (response.status >= 500 && attempt < TRIES) {
      await sleep(400 * 2 ** attempt);
      continue;
    }
    return { ok: false, reason: `The server refused part of the file (${response.status}): choose it again.` };
  }
}

async function send(form: HTMLFormElement, file: File, input: HTMLInputElement, target: HTMLInputElement, submitter: HTMLElement | null): Promise<void> {
  const url = form.dataset.chunkedUpload!;
  const bar = form.querySelector<HTMLElement>("[data-upload-progress]");
  const progress = bar?.querySelector("progress");
  const status = bar?.querySelector<HTMLElement>("[data-upload-status]");
  const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
  const show = (sentBytes: number, text: string, error = false) => {
    if (bar) bar.hidden = false;
    if (progress) Object.assign(progress, { max: file.size, value: sentBytes });
    if (status) {
      status.textContent = text;
      status.classList.toggle("form-error", error);
      status.setAttribute("role", error ? "alert" : "status");
    }
  };
  for (const b of buttons) b.disabled = true;
  const id = randomId();
  const count = Math.ceil(file.size / CHUNK);
  show(0, `Sending “${file.name}”: 0 of ${mb(file.size)} MB`);
  for (let i = 0; i < count; i++) {
    const query = new URLSearchParams({ upload: id, index: String(i), last: i === count - 1 ? "1" : "0", size: String(file.size), name: file.name });
    const answer = await post(`${url}?${query}`, file.slice(i * CHUNK, Math.min(file.size, (i + 1) * CHUNK)));
    if (!answer.ok) {
      for (const b of buttons) b.disabled = false;
      show(i * CHUNK, answer.reason, true);
      return;
    }
    const done = Math.min(file.size, (i + 1) * CHUNK);
    show(done, `Sending “${file.name}”: ${mb(done)} of ${mb(file.size)} MB · ${Math.floor((done / file.size) * 100)} %`);
  }
  show(file.size, `Sent “${file.name}”: reading it…`);
  target.value = id;
  input.value = "";
  for (const b of buttons) b.disabled = false;
  sent.add(form);
  form.requestSubmit(submitter instanceof HTMLButtonElement && submitter.form === form ? submitter : null);
}

export function installUploads(): void {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.chunkedUpload === undefined || event.defaultPrevented) return;
    if (sent.delete(form)) return; // the form's own submit, its file sent already
    const input = form.querySelector<HTMLInputElement>("input[type=file]");
    const target = form.querySelector<HTMLInputElement>("input[data-upload-id]");
    const file = input?.files?.[0];
    if (!input || !target || !file || file.size <= CHUNK || /\.xlsx$/i.test(file.name)) return;
    event.preventDefault();
    void send(form, file, input, target, event.submitter);
  });
}
