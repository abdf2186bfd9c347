// The specification's Automation fields (WebDriver's virtual-authenticator options and credential
// parameters, binary as base64url) in CDP's WebAuthn domain (binary as base64), as chromedriver translates
// them: for comparing the mock with Chromium's own virtual authenticator under the same options.

const toB64 = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64url').toString('base64') : undefined);
const toB64url = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('base64url') : undefined);

const PROTOCOLS: Record<string, { protocol: string; ctap2Version?: string }> = {
  'ctap1/u2f': { protocol: 'u2f' },
  ctap2: { protocol: 'ctap2', ctap2Version: 'ctap2_0' },
  ctap2_1: { protocol: 'ctap2', ctap2Version: 'ctap2_1' },
};
const TRANSPORTS: Record<string, string> = {
  usb: 'usb',
  nfc: 'nfc',
  ble: 'ble',
  internal: 'internal',
  hybrid: 'cable',
};
const EXTENSION_SWITCHES: Record<string, string> = {
  largeBlob: 'hasLargeBlob',
  credBlob: 'hasCredBlob',
  minPinLength: 'hasMinPinLength',
  prf: 'hasPrf',
};

/** addVirtualAuthenticator's options as CDP's VirtualAuthenticatorOptions. */
export function cdpAuthenticatorOptions(config: Record<string, unknown>): Record<string, unknown> {
  const protocol = PROTOCOLS[String(config.protocol)];
  const transport = TRANSPORTS[String(config.transport ?? 'usb')];
  if (!protocol || !transport) throw new Error(`unsupported protocol or transport: ${JSON.stringify(config)}`);
  const options: Record<string, unknown> = {
    ...protocol,
    transport,
    hasResidentKey: config.hasResidentKey ?? false,
    hasUserVerification: config.hasUserVerification ?? false,
    isUserVerified: config.isUserVerified ?? false,
    automaticPresenceSimulation: config.isUserConsenting ?? true,
  };
  for (const name of (config.extensions as string[] | undefined) ?? []) {
    const flag = EXTENSION_SWITCHES[name];
    if (!flag) throw new Error(`unsupported extension: ${name}`);
    options[flag] = true;
  }
  for (const key of ['defaultBackupEligibility', 'defaultBackupState'])
    if (config[key] !== undefined) options[key] = config[key];
  return options;
}

/** A credential's parameters (Add Credential) as CDP's Credential. */
export function cdpCredential(c: Record<string, unknown>): Record<string, unknown> {
  return {
    credentialId: toB64(c.credentialId),
    isResidentCredential: c.isResidentCredential,
    rpId: c.rpId,
    privateKey: toB64(c.privateKey),
    userHandle: toB64(c.userHandle),
    signCount: c.signCount ?? 0,
    largeBlob: toB64(c.largeBlob),
  };
}

/** CDP's Credential as Get Credentials gives it. */
export function specCredential(c: Record<string, unknown>): Record<string, unknown> {
  return {
    credentialId: toB64url(c.credentialId),
    isResidentCredential: c.isResidentCredential,
    rpId: c.rpId,
    privateKey: toB64url(c.privateKey),
    userHandle: toB64url(c.userHandle),
    signCount: c.signCount,
    largeBlob: toB64url(c.largeBlob),
  };
}

/** Base64url (the spec's) as base64 (CDP's). */
export const cdpBinary = toB64;
