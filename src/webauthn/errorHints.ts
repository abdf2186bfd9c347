// What commonly causes each error a WebAuthn call rejects with, refined by the ceremony's own options:
// the first place to look when a sign-up or sign-in fails.
import type { CeremonyRecord } from './record.js';
import { validateRpId } from './rpId.js';

type Options = {
  timeout?: number;
  rp?: { id?: string };
  rpId?: string;
  excludeCredentials?: unknown[];
  allowCredentials?: unknown[];
  pubKeyCredParams?: Array<{ alg?: number }>;
  authenticatorSelection?: { userVerification?: string; residentKey?: string; authenticatorAttachment?: string };
  userVerification?: string;
};
type Hint = (r: CeremonyRecord, o: Options) => string | undefined;

const GENERAL: Readonly<Record<string, string>> = {
  NotAllowedError:
    'The user cancelled, the prompt timed out, no authenticator answered, or the document lost focus (WebAuthn needs a focused, visible page).',
  InvalidStateError:
    'The authenticator already holds a credential listed in excludeCredentials (create), or the call was made while another was pending.',
  SecurityError:
    "The RP ID is not the origin's host or a registrable suffix of it, the page is not a secure context (https or localhost), or a cross-origin frame lacks the publickey-credentials permission policy.",
  NotSupportedError:
    'No entry of pubKeyCredParams is supported by the authenticator or browser, or the options ask for something (a hint, an extension, an attachment) nothing can provide.',
  AbortError: 'The page aborted the call through its AbortSignal (or started a new call that cancelled this one).',
  TypeError:
    'The options are malformed: a required member is missing (challenge, rp, user, pubKeyCredParams), a buffer is not a BufferSource, user.id is empty or longer than 64 bytes.',
  ConstraintError: 'The authenticator cannot satisfy residentKey "required" or userVerification "required".',
  UnknownError: 'The authenticator failed in a way it did not explain; try again or another authenticator.',
  NotReadableError: 'The authenticator could not be read (a hardware or transport error).',
};

const REFINED: Readonly<Record<string, readonly Hint[]>> = {
  NotAllowedError: [
    // Chromium reports an authenticator without any requested algorithm as NotAllowedError.
    (r, o) =>
      r.kind === 'create' && Array.isArray(o.pubKeyCredParams) && !o.pubKeyCredParams.some((p) => p.alg === -7)
        ? `pubKeyCredParams asks for ${o.pubKeyCredParams.map((p) => p.alg).join(', ') || 'nothing'} without -7 (ES256), which every authenticator supports: one that supports none of them fails as NotAllowedError.`
        : undefined,
    (_, o) =>
      typeof o.timeout === 'number' && o.timeout < 30000
        ? `timeout is ${o.timeout} ms: probably too short for a person to react.`
        : undefined,
    (r) =>
      r.mediation === 'conditional'
        ? 'A conditional (autofill) request rejects when it is aborted or another call replaces it.'
        : undefined,
    (r, o) =>
      r.kind === 'get' && Array.isArray(o.allowCredentials) && o.allowCredentials.length > 0
        ? 'None of the allowCredentials may be on the authenticators present: check the credential IDs and their transports.'
        : undefined,
    (r, o) =>
      r.kind === 'get' && (!o.allowCredentials || o.allowCredentials.length === 0)
        ? 'With an empty allowCredentials only discoverable credentials (passkeys) for this RP ID can answer.'
        : undefined,
  ],
  SecurityError: [
    (r, o) => {
      const rpId = r.kind === 'create' ? o.rp?.id : o.rpId;
      if (typeof rpId !== 'string' || !r.origin) return undefined;
      const v = validateRpId(r.origin, rpId);
      return v.ok ? undefined : `RP ID "${rpId}" from ${r.origin}: ${v.message}`;
    },
    (r) =>
      r.crossOrigin
        ? 'The call came from a cross-origin frame: its <iframe> needs allow="publickey-credentials-create; publickey-credentials-get" (create() also needs a user gesture).'
        : undefined,
  ],
  InvalidStateError: [
    (r, o) =>
      r.kind === 'create' && Array.isArray(o.excludeCredentials) && o.excludeCredentials.length > 0
        ? `excludeCredentials lists ${o.excludeCredentials.length} credential(s): the chosen authenticator already holds one, which is the point of the list (the user is already registered).`
        : undefined,
  ],
  NotSupportedError: [
    (_, o) =>
      Array.isArray(o.pubKeyCredParams)
        ? `pubKeyCredParams asks for ${o.pubKeyCredParams.map((p) => p.alg).join(', ') || 'nothing'}; include -7 (ES256) and -257 (RS256).`
        : undefined,
  ],
};

export function errorHints(record: CeremonyRecord): string[] {
  const name = record.error?.name;
  if (!name) return [];
  const options = (record.options && typeof record.options === 'object' ? record.options : {}) as Options;
  const refined = (REFINED[name] ?? [])
    .map((h) => {
      try {
        return h(record, options);
      } catch {
        return undefined;
      }
    })
    .filter((h): h is string => !!h);
  return [...refined, ...(GENERAL[name] ? [GENERAL[name]] : [])];
}
