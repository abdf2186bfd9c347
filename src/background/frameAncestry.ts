// Whether a frame is cross-origin as the spec defines it: not same-origin with every one of its ancestors
// (WebAuthn L3 §5.1.3 step 11, "crossOrigin"), from the browser's own frame tree, so that a frame nested as
// victim → other site → victim is cross-origin although its top frame has its origin.
import type { Caller } from './senderInfo.js';

/** Deeper than any page nests frames; it bounds the walk if the tree the browser gives is odd. */
const MAX_DEPTH = 64;

/** about:blank and about:srcdoc frames take the origin of the frame that made them: their parent, here. */
function frameOrigin(url: string, parentOrigin: string | undefined): string | undefined {
  if (url.startsWith('about:')) return parentOrigin;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origins of a frame's ancestors, nearest first; undefined when the browser cannot say. */
async function ancestorOrigins(tabId: number, frameId: number): Promise<string[] | undefined> {
  let frames: chrome.webNavigation.GetAllFrameResultDetails[] | null | undefined;
  try {
    frames = await chrome.webNavigation.getAllFrames({ tabId });
  } catch {
    return undefined;
  }
  if (!frames) return undefined;
  const byId = new Map(frames.map((f) => [f.frameId, f]));
  const chain: chrome.webNavigation.GetAllFrameResultDetails[] = [];
  for (let id = byId.get(frameId)?.parentFrameId ?? -1; id >= 0 && chain.length < MAX_DEPTH;) {
    const f = byId.get(id);
    if (!f) return undefined;
    chain.push(f);
    id = f.parentFrameId;
  }
  const origins: string[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const o = frameOrigin(chain[i]!.url, origins[0]);
    if (o === undefined) return undefined;
    origins.unshift(o);
  }
  return origins;
}

/** The caller with crossOrigin and topOrigin from all its ancestors; as it was when the tree is unknown. */
export async function withAncestry(caller: Caller): Promise<Caller> {
  if (caller.frameId === 0) return caller;
  const ancestors = await ancestorOrigins(caller.tabId, caller.frameId);
  if (!ancestors || ancestors.length === 0) return caller;
  const crossOrigin = ancestors.some((o) => o !== caller.origin);
  const { topOrigin: _, ...rest } = caller;
  return { ...rest, crossOrigin, ...(crossOrigin ? { topOrigin: ancestors[ancestors.length - 1]! } : {}) };
}
