// The popup's requests over MOCK_PORT: settings, sites, profiles, the credential list (no key material),
// delete, export (explicit, confirmed) and import. Only extension pages may connect.
import { credentialSummary, exportCredentials, importCredentials } from '../../authenticator/credentialTransfer.js';
import { normalizeProfile, PROFILE_PRESETS } from '../../authenticator/profiles.js';
import type { SoftwareAuthenticator } from '../../authenticator/softwareAuthenticator.js';
import type { MockUiRequest, MockUiState, MockUiValue, WorkerToUi } from '../../messages.js';
import { isRecord } from '../../webauthn/json.js';
import { rpcServer } from '../../rpc.js';
import { fromExtensionPage } from '../senderInfo.js';
import { reportDeletion } from './automation.js';
import { isTampering } from './handTampering.js';
import { answerPrompt, onPromptsChanged, pendingPrompts } from './prompts.js';
import { loadSettings, onSettingsChanged, saveSettings } from './settings.js';

async function state(a: SoftwareAuthenticator): Promise<MockUiState> {
  const credentials = (await a.store.list())
    .map(credentialSummary)
    .sort((x, y) => x.rpId.localeCompare(y.rpId) || y.createdAt - x.createdAt);
  return { settings: await loadSettings(), presets: [...PROFILE_PRESETS], credentials, pending: pendingPrompts() };
}

/** A refusal the popup shows as it is. */
const refuse = (message: string): never => {
  throw { name: 'NotAllowedError', message };
};

async function handle(r: MockUiRequest, a: SoftwareAuthenticator): Promise<MockUiValue> {
  const s = await loadSettings();
  switch (r.type) {
    case 'state':
      break;
    case 'settings/update':
      if (r.patch.tampering && !isTampering(r.patch.tampering))
        return refuse(
          `No tampering ${JSON.stringify(r.patch.tampering.id)} of ${r.patch.tampering.ceremony} in the catalogue.`,
        );
      await saveSettings({ ...s, ...r.patch });
      break;
    case 'site/set': {
      const sites = { ...s.sites };
      if (r.enabled === null) delete sites[r.origin];
      else sites[r.origin] = r.enabled;
      await saveSettings({ ...s, sites });
      break;
    }
    case 'profile/save': {
      const p = normalizeProfile(r.profile);
      await saveSettings({ ...s, profiles: [...s.profiles.filter((x) => x.id !== p.id), p] });
      break;
    }
    case 'profile/delete':
      if (s.profiles.length <= 1) return refuse('The last profile cannot be deleted.');
      await saveSettings({
        ...s,
        profiles: s.profiles.filter((x) => x.id !== r.id),
        activeProfileId: s.activeProfileId === r.id ? s.profiles.find((x) => x.id !== r.id)!.id : s.activeProfileId,
      });
      break;
    case 'credential/delete':
      await reportDeletion(a, r.id);
      await a.deleteCredential(r.id);
      break;
    case 'credential/show': {
      const c = await a.store.get(r.id);
      if (c?.hidden) await a.store.update({ ...c, hidden: false });
      break;
    }
    case 'credentials/delete-all':
      for (const c of await a.store.list())
        if (!r.rpId || c.rpId === r.rpId) {
          await reportDeletion(a, c.id);
          await a.deleteCredential(c.id);
        }
      break;
    case 'credentials/export':
      if (!r.confirmed) return refuse('Exporting private keys needs an explicit confirmation.');
      return { data: await exportCredentials(a, r.ids, r.keyFormat) };
    case 'credentials/import':
      return { data: await importCredentials(a, r.data, r.replace === true), state: await state(a) };
    case 'attestation-root':
      return { data: await a.attestationCa.rootCertificatePem() };
    case 'prompt/answer':
      if (!answerPrompt(r.promptId, r.answer))
        return refuse('That prompt is no longer waiting (answered, aborted or timed out).');
      break;
    default:
      return refuse('unknown request');
  }
  return { state: await state(a) };
}

export function connectMockUiPort(port: chrome.runtime.Port, authenticator: () => SoftwareAuthenticator): void {
  if (!fromExtensionPage(port)) {
    port.disconnect();
    return;
  }
  const push = (m: WorkerToUi) => {
    try {
      port.postMessage(m);
    } catch {
      // The popup closed.
    }
  };
  const server = rpcServer(
    (body): body is MockUiRequest => isRecord(body) && typeof body.type === 'string',
    (request) => handle(request, authenticator()),
    push,
  );
  port.onMessage.addListener((m: unknown) => server.receive(m));
  // One listener per open port, removed when it closes (a popup opened a hundred times leaves none behind).
  const offSettings = onSettingsChanged(() => push({ type: 'changed' }));
  const offPrompts = onPromptsChanged(() => push({ type: 'changed' }));
  port.onDisconnect.addListener(() => {
    offSettings();
    offPrompts();
    server.abortAll(undefined);
  });
}
