// The mock's settings, in the mock's IndexedDB database (no content script can read them): on/off globally
// and per site, the active profile, the profiles, the presence mode and a simulated failure. The worker is
// their only reader and writer (the popup goes through it).
import { DEFAULT_PROFILE_ID, PROFILE_PRESETS, normalizeProfile } from '../../authenticator/profiles.js';
import type { AuthenticatorProfile, MockSettings, MockState, WorkerToBridge } from '../../messages.js';
import { clientCapabilities } from '../../authenticator/clientCapabilities.js';
import { VIRTUAL_ID_PREFIX } from '../../authenticator/virtualAuthenticators.js';
import { read, STORES, write } from './mockDatabase.js';
import { syncMockPageScript } from './pageScript.js';

const KEY = 'settings';
/** Where earlier versions kept them; moved into IndexedDB on first read, then removed. */
const LEGACY_KEY = 'mock.settings';

export const defaultSettings = (): MockSettings => ({
  enabled: false,
  sites: {},
  activeProfileId: DEFAULT_PROFILE_ID,
  profiles: structuredClone([...PROFILE_PRESETS]),
  presence: 'auto',
  failure: 'none',
  unknownCredential: 'delete',
  tampering: null,
});

// Every mock call reads the settings: they are kept in memory and read again after a save. Treat as read-only.
let cached: Promise<MockSettings> | undefined;
const listeners = new Set<() => void>();

async function readSettings(): Promise<Partial<MockSettings> | undefined> {
  const stored = await read<Partial<MockSettings>>(STORES.state, KEY);
  if (stored) return stored;
  const legacy = (await chrome.storage.local.get(LEGACY_KEY))[LEGACY_KEY] as Partial<MockSettings> | undefined;
  if (legacy) {
    await write(STORES.state, (st) => st.put(legacy, KEY));
    await chrome.storage.local.remove(LEGACY_KEY);
  }
  return legacy;
}

export function loadSettings(): Promise<MockSettings> {
  cached ??= readSettings().then((v) => {
    const s = { ...defaultSettings(), ...(v ?? {}) };
    s.profiles = s.profiles.map((p) => normalizeProfile(p));
    return s;
  });
  const p = cached;
  p.catch(() => {
    if (cached === p) cached = undefined;
  });
  return p;
}

export async function saveSettings(s: MockSettings): Promise<void> {
  cached = undefined;
  await write(STORES.state, (st) => st.put(s, KEY));
  cached = undefined;
  // The popup shows the new state once this returns: by then pages that load get the mock's page script.
  await settingsChanged();
}

/** The virtual authenticators' profiles (automation): while there are any, the mock answers every site with them. */
let automationProfiles: () => Promise<AuthenticatorProfile[]> = async () => [];
/** Whether a test suite's control page is connected. */
let automationAttached: () => boolean = () => false;
export function watchAutomation(profiles: () => Promise<AuthenticatorProfile[]>, attached: () => boolean): void {
  automationProfiles = profiles;
  automationAttached = attached;
}

/**
 * The settings the mock answers by: the user's, or while a test suite drives virtual authenticators, on
 * everywhere with automatic presence and no simulated failure, whatever the popup says.
 */
export async function answeringSettings(): Promise<MockSettings> {
  const s = await loadSettings();
  const virtual = await automationProfiles();
  return virtual.length
    ? {
        ...s,
        enabled: true,
        sites: {},
        presence: 'auto',
        failure: 'none',
        profiles: virtual,
        activeProfileId: virtual[0]!.id,
      }
    : s;
}

/** How long a change waits for the frames to say they know (a frame that hangs does not hold it up). */
const FRAMES_WAIT_MS = 1_000;

/**
 * Brings the page script, every frame and every listener (popups) in line with what the mock answers by
 * now; resolves once the open frames have been told (each asks again whether the mock answers it).
 */
export async function settingsChanged(): Promise<void> {
  await syncMockPageScript(await answeringSettings(), automationAttached());
  const tabs = await chrome.tabs.query({});
  const told = Promise.all(
    tabs.map((t) =>
      t.id === undefined
        ? undefined
        : chrome.tabs.sendMessage(t.id, { type: 'mock/changed' } satisfies WorkerToBridge).catch(() => undefined),
    ),
  );
  await Promise.race([told, new Promise((r) => setTimeout(r, FRAMES_WAIT_MS))]);
  for (const listener of listeners) listener();
}

/**
 * Whether the mock answers for this origin: the site's own setting, else the global switch. The one place
 * that decides; the bridge and the page's mock side only pass its answer on.
 */
export function mockAnswers(s: MockSettings, origin: string): MockState {
  const enabled = Object.hasOwn(s.sites, origin) ? s.sites[origin] === true : s.enabled;
  if (!enabled) return { enabled };
  // Virtual authenticators answer as a group (any of them may take a ceremony); the user's mock is its profile.
  const virtual = s.profiles.every((p) => p.id.startsWith(VIRTUAL_ID_PREFIX));
  return { enabled, capabilities: clientCapabilities(virtual ? s.profiles : [activeProfile(s)]) };
}

/** The profile new credentials are made by. */
export const activeProfile = (s: MockSettings): AuthenticatorProfile =>
  s.profiles.find((p) => p.id === s.activeProfileId) ?? s.profiles[0]!;

/** Calls the listener when the settings change; returns the function that stops it. */
export function onSettingsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
