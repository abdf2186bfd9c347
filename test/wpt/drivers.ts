// What test_driver's WebAuthn commands do in each run: on the mock, the automation API's commands (the
// specification's names and fields already); on Chromium's own virtual authenticator, CDP's WebAuthn
// domain, translated as chromedriver translates the WebDriver commands (binary fields base64url there,
// base64 in CDP).
import type { AuthenticatorOptions, Controller, VirtualCredential } from 'webauthn-devtools/automation';
import { cdpAuthenticatorOptions, cdpBinary, cdpCredential, specCredential } from '../helpers/cdpWebAuthn.js';

export type DriverCommand =
  | 'add_virtual_authenticator'
  | 'remove_virtual_authenticator'
  | 'add_credential'
  | 'get_credentials'
  | 'remove_credential'
  | 'remove_all_credentials'
  | 'set_user_verified';

export interface Backend {
  run(name: string, args: unknown[]): Promise<unknown>;
  /** Removes what a test file left behind, so that the next file starts with no authenticator. */
  cleanUp(): Promise<void>;
}

type Commands = Record<DriverCommand, (args: unknown[]) => Promise<unknown>>;

function backend(commands: Commands, remove: (id: string) => Promise<unknown>): Backend {
  const added = new Set<string>();
  return {
    async run(name, args) {
      if (!(name in commands)) throw new Error(`unknown command ${name}`);
      const value = await commands[name as DriverCommand](args);
      if (name === 'add_virtual_authenticator') added.add(value as string);
      if (name === 'remove_virtual_authenticator') added.delete(args[0] as string);
      return value;
    },
    async cleanUp() {
      for (const id of added) await remove(id).catch(() => undefined);
      added.clear();
    },
  };
}

const str = (v: unknown) => String(v);
const uvOf = (v: unknown) => Boolean((v as { isUserVerified?: unknown } | null)?.isUserVerified);

export function mockBackend(controller: Controller): Backend {
  return backend(
    {
      add_virtual_authenticator: ([o]) => controller.addVirtualAuthenticator(o as AuthenticatorOptions),
      remove_virtual_authenticator: ([id]) => controller.removeVirtualAuthenticator(str(id)),
      add_credential: ([id, c]) => controller.addCredential(str(id), c as VirtualCredential),
      get_credentials: ([id]) => controller.getCredentials(str(id)),
      remove_credential: ([id, c]) => controller.removeCredential(str(id), str(c)),
      remove_all_credentials: ([id]) => controller.removeAllCredentials(str(id)),
      set_user_verified: ([id, uv]) => controller.setUserVerified(str(id), uvOf(uv)),
    },
    (id) => controller.removeVirtualAuthenticator(id),
  );
}

/** A CDP session's send, untyped (Playwright types it per method). */
export type CdpSend = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

export async function chromiumVirtualBackend(send: CdpSend): Promise<Backend> {
  await send('WebAuthn.enable', { enableUI: false });
  const on = (id: unknown) => ({ authenticatorId: str(id) });
  return backend(
    {
      add_virtual_authenticator: async ([o]) =>
        (
          (await send('WebAuthn.addVirtualAuthenticator', {
            options: cdpAuthenticatorOptions(o as Record<string, unknown>),
          })) as {
            authenticatorId: string;
          }
        ).authenticatorId,
      remove_virtual_authenticator: ([id]) => send('WebAuthn.removeVirtualAuthenticator', on(id)),
      add_credential: ([id, c]) =>
        send('WebAuthn.addCredential', { ...on(id), credential: cdpCredential(c as Record<string, unknown>) }),
      get_credentials: async ([id]) =>
        ((await send('WebAuthn.getCredentials', on(id))) as { credentials: Record<string, unknown>[] }).credentials.map(
          specCredential,
        ),
      remove_credential: ([id, c]) => send('WebAuthn.removeCredential', { ...on(id), credentialId: cdpBinary(c) }),
      remove_all_credentials: ([id]) => send('WebAuthn.clearCredentials', on(id)),
      set_user_verified: ([id, uv]) => send('WebAuthn.setUserVerified', { ...on(id), isUserVerified: uvOf(uv) }),
    },
    (id) => send('WebAuthn.removeVirtualAuthenticator', on(id)),
  );
}
