// The RP's verdict on a tampered answer, read from the RP's own answer: the request from that tab whose body
// carries the response's clientDataJSON, and the HTTP status it got (2xx accepted, 4xx or 5xx refused,
// anything else: cannot tell). It uses webRequest, which sees every tab and runs in CI; the DevTools network
// API sees a request only while DevTools is open on its tab. Listeners exist only while a verdict is awaited.
import type { TamperingVerdict } from '../../webauthn/record.js';

/** How long after the answer the RP's request may come (a person may take a while to submit a form). */
const WATCH_MS = 120_000;
/** Request bodies larger than this are not searched. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

interface Watch {
  tabId: number;
  needles: string[];
  until: number;
}
const watches = new Map<string, Watch>();
/** requestId → the clientDataJSON its body carried. */
const carriers = new Map<string, string>();
let reached: (clientDataJSON: string, verdict: TamperingVerdict) => void = () => undefined;
let listening = false;

const FILTER: chrome.webRequest.RequestFilter = { urls: ['<all_urls>'] };
const toBase64 = (b64url: string) => {
  const s = b64url.replace(/-/g, '+').replace(/_/g, '/');
  return s + '='.repeat((4 - (s.length % 4)) % 4);
};

function bodyText(d: chrome.webRequest.OnBeforeRequestDetails): string | undefined {
  const body = d.requestBody;
  if (!body) return undefined;
  if (body.formData) return JSON.stringify(body.formData);
  const parts = (body.raw ?? []).map((p) => p.bytes).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  const size = parts.reduce((n, b) => n + b.byteLength, 0);
  if (!size || size > MAX_BODY_BYTES) return undefined;
  const all = new Uint8Array(size);
  let at = 0;
  for (const b of parts) {
    all.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return new TextDecoder().decode(all);
}

function onBefore(d: chrome.webRequest.OnBeforeRequestDetails): undefined {
  const now = Date.now();
  let text: string | undefined | null = null;
  for (const [cdj, w] of watches) {
    if (w.until < now) {
      watches.delete(cdj);
      continue;
    }
    if (w.tabId !== d.tabId) continue;
    text ??= bodyText(d);
    if (text && w.needles.some((n) => text!.includes(n))) {
      carriers.set(d.requestId, cdj);
      watches.delete(cdj);
      break;
    }
  }
  stopIfIdle();
  return undefined;
}

function settle(requestId: string, verdict: TamperingVerdict): void {
  const cdj = carriers.get(requestId);
  if (cdj === undefined) return;
  carriers.delete(requestId);
  reached(cdj, verdict);
  stopIfIdle();
}

const onCompleted = (d: chrome.webRequest.OnCompletedDetails) =>
  settle(d.requestId, {
    accepted: d.statusCode >= 200 && d.statusCode < 300 ? true : d.statusCode >= 400 ? false : null,
    status: d.statusCode,
    method: d.method,
    url: d.url,
  });
const onError = (d: chrome.webRequest.OnErrorOccurredDetails) =>
  settle(d.requestId, { accepted: null, method: d.method, url: d.url, error: d.error });

function stopIfIdle(): void {
  if (!listening || watches.size || carriers.size) return;
  listening = false;
  chrome.webRequest.onBeforeRequest.removeListener(onBefore);
  chrome.webRequest.onCompleted.removeListener(onCompleted);
  chrome.webRequest.onErrorOccurred.removeListener(onError);
}

/** Where verdicts go (the tampering's record). */
export function onVerdict(f: (clientDataJSON: string, verdict: TamperingVerdict) => void): void {
  reached = f;
}

/** Watches the tab's next request whose body carries this response's clientDataJSON (base64url or base64). */
export function watchVerdict(tabId: number, clientDataJSON: string): void {
  if (tabId < 0 || !chrome.webRequest) return;
  watches.set(clientDataJSON, {
    tabId,
    needles: [...new Set([clientDataJSON, toBase64(clientDataJSON)])],
    until: Date.now() + WATCH_MS,
  });
  if (listening) return;
  listening = true;
  chrome.webRequest.onBeforeRequest.addListener(onBefore, FILTER, ['requestBody']);
  chrome.webRequest.onCompleted.addListener(onCompleted, FILTER);
  chrome.webRequest.onErrorOccurred.addListener(onError, FILTER);
}
