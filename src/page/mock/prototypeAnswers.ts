// The mock's credentials are plain objects with the browser's prototypes and no own properties, so that no page
// can tell them from the browser's (Object.getOwnPropertyNames, hasOwnProperty, WPT's assert_idl_attribute).
// The prototypes' own accessors and methods answer for them: each is replaced, once, by a function that looks
// the object up in a private WeakMap and otherwise calls the browser's original, with the original's name,
// length, attributes and native toString.
import * as N from '../natives.js';
import * as M from './mockNatives.js';
import { disguise, installToString } from '../nativeLook.js';
const call = N.call;

/** What a mock object answers: one function per member, a getter's (no arguments) or a method's. */
export type Answers = Record<string, (...args: unknown[]) => unknown>;

/** The interfaces whose prototypes a credential or its response reaches, from the top of the chain. */
const INTERFACES = [
  'Credential',
  'PublicKeyCredential',
  'AuthenticatorResponse',
  'AuthenticatorAttestationResponse',
  'AuthenticatorAssertionResponse',
];

const answers = new N.WeakMap<object, Answers>();
const weakGet = N.WeakMap.prototype.get;
const weakSet = N.WeakMap.prototype.set;

function answering(key: string, original: (...a: unknown[]) => unknown) {
  return {
    [key](this: unknown, ...args: unknown[]): unknown {
      const own = call(weakGet, answers, [this]) as Answers | undefined;
      return own && M.hasOwn(own, key) ? call(own[key]!, undefined, args) : call(original, this, args);
    },
  }[key]!;
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  installToString();
  const W = N.window as unknown as Record<string, { prototype: object } | undefined>;
  for (const name of INTERFACES) {
    const proto = W[name]?.prototype;
    if (!proto) continue;
    for (const key of M.ownNames(proto)) {
      const d = N.getOwnPropertyDescriptor(proto, key)!;
      if (key === 'constructor' || !d.configurable) continue;
      if (d.get) N.defineProperty(proto, key, { ...d, get: disguise(answering(key, d.get), d.get) });
      else if (typeof d.value === 'function')
        N.defineProperty(proto, key, { ...d, value: disguise(answering(key, d.value), d.value) });
    }
  }
}

/** An object of `interfaceName`'s prototype that answers `members` through the prototypes. */
export function answeringObject(interfaceName: string, members: Answers): object {
  install();
  const proto = (N.window as unknown as Record<string, { prototype: object } | undefined>)[interfaceName]?.prototype;
  const o = M.objectCreate(proto ?? Object.prototype) as object;
  call(weakSet, answers, [o, members]);
  return o;
}
