// Editing an authenticator profile: every field the mock's behaviour depends on, saved over the profile or
// as a new one. The field table keeps labels and storage paths in one place.
import { useEffect, useState } from 'preact/hooks';
import {
  ALL_ALGORITHMS,
  type AttestationKind,
  type AuthenticatorProfile,
  type SignCountPolicy,
} from '../src/messages.js';
import { algorithmName } from '../src/webauthn/algorithms.js';
import type { Send } from './useMock.js';

const TRANSPORTS = ['usb', 'nfc', 'ble', 'smart-card', 'hybrid', 'internal'];
const ATTESTATION: Record<AttestationKind, string> = {
  'packed-x5c': 'packed with a certificate chain',
  'packed-self': 'packed self-attestation',
  none: 'none',
};
const SIGN_COUNT: Record<SignCountPolicy, string> = {
  increment: 'increments per credential',
  zero: 'always zero (synced passkeys)',
  fixed: 'fixed value (clone detection tests)',
};
type BooleanField = 'residentKeys' | 'alwaysDiscoverable' | 'userVerification' | 'backupEligible' | 'backupState';
const BOOLEANS: ReadonlyArray<[BooleanField, string]> = [
  ['residentKeys', 'Stores discoverable credentials (resident keys)'],
  ['alwaysDiscoverable', 'Makes every credential discoverable'],
  ['userVerification', 'Can verify the user (PIN or biometrics)'],
  ['backupEligible', 'Backup eligible (BE)'],
  ['backupState', 'Backed up (BS)'],
];
const EXTENSIONS: ReadonlyArray<keyof AuthenticatorProfile['extensions']> = [
  'prf',
  'largeBlob',
  'credProtect',
  'minPinLength',
  'credBlob',
];

const toggle = <T,>(list: T[], v: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ProfileEditor(p: { profile: AuthenticatorProfile; canDelete: boolean; send: Send }) {
  const [d, setD] = useState(p.profile);
  useEffect(() => setD(p.profile), [p.profile]);
  const set = (patch: Partial<AuthenticatorProfile>) => setD({ ...d, ...patch });
  const valid = UUID.test(d.aaguid) && d.name.trim() !== '' && d.algorithms.length > 0;
  const save = async (asNew: boolean) => {
    const profile = asNew ? { ...d, id: `custom-${Date.now().toString(36)}`, name: `${d.name} (copy)` } : d;
    const r = await p.send({ type: 'profile/save', profile });
    if (r.ok && asNew) await p.send({ type: 'settings/update', patch: { activeProfileId: profile.id } });
  };
  return (
    <details class="profile-editor">
      <summary>Edit profile “{p.profile.name}”</summary>
      <form
        aria-label="Profile"
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <label>
          Name <input aria-label="Profile name" value={d.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          AAGUID{' '}
          <input
            aria-label="AAGUID"
            value={d.aaguid}
            aria-invalid={!UUID.test(d.aaguid)}
            onInput={(e) => set({ aaguid: e.currentTarget.value.trim().toLowerCase() })}
          />
        </label>
        <label>
          Attachment{' '}
          <select
            aria-label="Attachment"
            value={d.attachment}
            onChange={(e) => set({ attachment: e.currentTarget.value as AuthenticatorProfile['attachment'] })}
          >
            <option value="cross-platform">cross-platform (roaming)</option>
            <option value="platform">platform</option>
          </select>
        </label>
        <fieldset>
          <legend>Transports</legend>
          {TRANSPORTS.map((t) => (
            <label>
              <input
                type="checkbox"
                aria-label={`Transport ${t}`}
                checked={d.transports.includes(t)}
                onChange={(e) => set({ transports: toggle(d.transports, t, e.currentTarget.checked) })}
              />{' '}
              {t}
            </label>
          ))}
        </fieldset>
        {BOOLEANS.map(([k, label]) => (
          <label>
            <input
              type="checkbox"
              aria-label={label}
              checked={d[k]}
              onChange={(e) => set({ [k]: e.currentTarget.checked })}
            />{' '}
            {label}
          </label>
        ))}
        <label>
          Sign count{' '}
          <select
            aria-label="Sign count policy"
            value={d.signCount.policy}
            onChange={(e) => set({ signCount: { ...d.signCount, policy: e.currentTarget.value as SignCountPolicy } })}
          >
            {Object.entries(SIGN_COUNT).map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </label>
        {d.signCount.policy === 'fixed' && (
          <label>
            Fixed sign count{' '}
            <input
              type="number"
              min={0}
              aria-label="Fixed sign count"
              value={d.signCount.value}
              onInput={(e) =>
                set({ signCount: { ...d.signCount, value: Math.max(0, Number(e.currentTarget.value) >>> 0) } })
              }
            />
          </label>
        )}
        <label>
          Attestation{' '}
          <select
            aria-label="Attestation statement"
            value={d.attestation}
            onChange={(e) => set({ attestation: e.currentTarget.value as AttestationKind })}
          >
            {Object.entries(ATTESTATION).map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Algorithms</legend>
          {ALL_ALGORITHMS.map((a) => (
            <label>
              <input
                type="checkbox"
                aria-label={`Algorithm ${algorithmName(a)}`}
                checked={d.algorithms.includes(a)}
                onChange={(e) => set({ algorithms: toggle(d.algorithms, a, e.currentTarget.checked) })}
              />{' '}
              {algorithmName(a)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Extensions</legend>
          {EXTENSIONS.map((x) => (
            <label>
              <input
                type="checkbox"
                aria-label={`Extension ${x}`}
                checked={d.extensions[x]}
                onChange={(e) => set({ extensions: { ...d.extensions, [x]: e.currentTarget.checked } })}
              />{' '}
              {x}
            </label>
          ))}
        </fieldset>
        {d.extensions.minPinLength && (
          <label>
            Minimum PIN length{' '}
            <input
              type="number"
              min={4}
              max={63}
              aria-label="Minimum PIN length"
              value={d.minPinLength}
              onInput={(e) => set({ minPinLength: Number(e.currentTarget.value) || 4 })}
            />
          </label>
        )}
        <p>
          <button type="submit" aria-label="Save profile" disabled={!valid}>
            Save
          </button>{' '}
          <button type="button" aria-label="Save as a new profile" disabled={!valid} onClick={() => void save(true)}>
            Save as new
          </button>{' '}
          <button
            type="button"
            aria-label="Delete profile"
            disabled={!p.canDelete}
            onClick={() => {
              if (confirm(`Delete the profile “${p.profile.name}”? Its credentials stay.`))
                void p.send({ type: 'profile/delete', id: p.profile.id });
            }}
          >
            Delete
          </button>
        </p>
      </form>
    </details>
  );
}
