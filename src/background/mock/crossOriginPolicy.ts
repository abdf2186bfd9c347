// What a cross-origin frame must have before the mock answers it, as browsers require (WebAuthn L3 §5.1.3
// step 2 and §5.1.4 step 2, and Chromium's renderer checks): the `publickey-credentials-create` or `-get`
// permissions policy delegated to it, and, for create(), transient user activation. Without these a third-party
// iframe could make a discoverable credential silently and read its user handle later, a tracking vector.
//
// The facts are read in the frame's own isolated world (the page cannot touch it) when the call arrives.
// Chromium answers the policy through document.featurePolicy; Firefox does not expose it to content scripts,
// so there the frame's `allow` attribute is read from its parent, which the policy comes from.
import type { Caller } from '../senderInfo.js';

const FEATURE = { create: 'publickey-credentials-create', get: 'publickey-credentials-get' } as const;

interface FrameFacts {
  /** Whether each feature is allowed in the frame; null when the browser does not say (Firefox). */
  create: boolean | null;
  get: boolean | null;
  activation: boolean | null;
}

/** Runs in the calling frame's isolated world: must be self-contained. */
function readFrameFacts(): FrameFacts {
  const fp = (document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
  const ua = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  return {
    create: fp ? fp.allowsFeature('publickey-credentials-create') : null,
    get: fp ? fp.allowsFeature('publickey-credentials-get') : null,
    activation: ua ? ua.isActive : null,
  };
}

/** Runs in the parent frame's isolated world (Firefox): the `allow` attribute of the frame element with that id. */
function readAllowAttribute(frameId: number): string | null {
  const rt = (globalThis as unknown as { browser?: { runtime: { getFrameId(e: Element): number } } }).browser?.runtime;
  if (!rt) return null;
  for (const f of document.querySelectorAll('iframe, frame')) {
    try {
      if (rt.getFrameId(f) === frameId) return f.getAttribute('allow') ?? '';
    } catch {
      // An element without a browsing context.
    }
  }
  return null;
}

/** Whether an `allow` attribute delegates `feature` to a frame of `origin` (its src's origin, or any). */
export function allowDelegates(allow: string, feature: string, origin: string): boolean {
  for (const directive of allow.split(';')) {
    const [name, ...list] = directive.trim().split(/\s+/);
    if (name !== feature) continue;
    if (list.length === 0) return true;
    return list.some((v) => v === '*' || v === "'src'" || v === origin);
  }
  return false;
}

async function inFrame<T, A extends unknown[]>(
  tabId: number,
  frameId: number,
  func: (...args: A) => T,
  args: A,
): Promise<T | undefined> {
  try {
    const [r] = await chrome.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func,
      args,
      injectImmediately: true,
    });
    return r?.result as T | undefined;
  } catch {
    return undefined;
  }
}

/** Throws the browser's NotAllowedError when a cross-origin frame may not make this call. */
export async function checkCrossOriginCall(caller: Caller, kind: 'create' | 'get'): Promise<void> {
  if (!caller.crossOrigin) return;
  const facts = await inFrame(caller.tabId, caller.frameId, readFrameFacts, []);
  let allowed = facts?.[kind] ?? null;
  if (allowed === null) {
    const frame = await chrome.webNavigation
      .getFrame({ tabId: caller.tabId, frameId: caller.frameId })
      .catch(() => null);
    const allow =
      frame && frame.parentFrameId >= 0
        ? await inFrame(caller.tabId, frame.parentFrameId, readAllowAttribute, [caller.frameId])
        : undefined;
    allowed = typeof allow === 'string' && allowDelegates(allow, FEATURE[kind], caller.origin);
  }
  if (!allowed)
    throw new DOMException(
      `The '${FEATURE[kind]}' feature is not enabled in this document. Permissions Policy may be used to delegate Web Authentication capabilities to cross-origin child frames.`,
      'NotAllowedError',
    );
  // Unread is refused: a frame whose activation cannot be confirmed does not get a silent credential.
  if (kind === 'create' && facts?.activation !== true)
    throw new DOMException(
      'A user activation is required to create a credential in a cross-origin iframe.',
      'NotAllowedError',
    );
}
