// The mock's settings, in storage.local: on/off globally and per site, the active profile, the profiles,
// and a simulated failure.
import { DEFAULT_PROFILE_ID, PROFILE_PRESETS, normalizeProfile } from '../../authenticator/profiles.js';
import type { AuthenticatorProfile, MockSettings, MockState } from '../../messages.js';
import { syncMockPageScript } from './pageScript.js';

const KEY = 'mock.settings';

export const defaultSettings = (): MockSettings => ({
  enabled: false,
  sites: {},
  activeProfileId: DEFAULT_PROFILE_ID,
  profiles: structuredClone([...PROFILE_PRESETS]),
  presence: 'auto',
  failure: 'none',
});

// Every mock call reads the settings: they are kept in memory, dropped whenever storage says they changed
// (from this worker or any other extension page), and read again on the next call. Treat as read-only.
let cached: Promise<MockSettings> | undefined;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && KEY in changes) cached = undefined;
});

export function loadSettings(): Promise<MockSettings> {
  cached ??= chrome.storage.local.get(KEY).then((got) => {
    const v = got[KEY] as Partial<MockSettings> | undefined;
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
  await chrome.storage.local.set({ [KEY]: s });
  cached = undefined;
  // The popup shows the new state once this returns: by then pages that load get the mock's page script.
  await syncMockPageScript(s);
}

/**
 * Whether the mock answers for this origin: the site's own setting, else the global switch. The one place
 * that decides; the bridge and the page's mock side only pass its answer on.
 */
export function mockAnswers(s: MockSettings, origin: string): MockState {
  return { enabled: Object.hasOwn(s.sites, origin) ? s.sites[origin] === true : s.enabled };
}

/** The profile new credentials are made by. */
export const activeProfile = (s: MockSettings): AuthenticatorProfile =>
  s.profiles.find((p) => p.id === s.activeProfileId) ?? s.profiles[0]!;

/** Calls the listener when the settings change; returns the function that stops it. */
export function onSettingsChanged(listener: () => void): () => void {
  const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  };
  chrome.storage.onChanged.addListener(onChanged);
  return () => chrome.storage.onChanged.removeListener(onChanged);
}
