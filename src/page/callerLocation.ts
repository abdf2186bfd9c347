// The page script that made the call: the first stack frame that is not this extension's own code.
import * as N from './natives.js';
const call = N.call;

const EXTENSION_FRAME = /(chrome|moz|safari-web)-extension:\/\//;
const LOCATION = /((?:https?|file|blob:https?):\/\/[^\s)]+?:\d+:\d+)/;

/** Taken during the call: V8 captures the frames cheaply and formats the stack text only when it is read, the
 *  costly part, which so waits for the task that sends the record. */
export const callSite = (): Error => new N.Error();

export function callerLocation(site: Error): string | undefined {
  try {
    const stack = String(site.stack ?? '');
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
