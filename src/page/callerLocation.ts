// The page script that made the call: the first stack frame that is not this extension's own code.
import * as N from './natives.js';
const call = N.call;

const EXTENSION_FRAME = /(chrome|moz|safari-web)-extension:\/\//;
const LOCATION = /((?:https?|file|blob:https?):\/\/[^\s)]+?:\d+:\d+)/;

export function callerLocation(): string | undefined {
  try {
    const stack = String(new N.Error().stack ?? '');
    const lines = call(N.stringSplit, stack, ['\n']) as string[];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (call(N.regExpExec, EXTENSION_FRAME, [line])) continue;
      const m = call(N.regExpExec, LOCATION, [line]) as RegExpExecArray | null;
      if (m) return m[1];
    }
  } catch {
    return undefined;
  }
  return undefined;
}
