// An account chooser: one button per credential, most recently used first, and Cancel.
import type { CredentialSummary } from '../src/messages.js';

export function AccountChoices(p: { candidates: CredentialSummary[]; onChoose(id: string | null): void }) {
  const sorted = [...p.candidates].sort((a, b) => (b.lastUsedAt ?? b.createdAt) - (a.lastUsedAt ?? a.createdAt));
  return (
    <div role="group" aria-label="Choose an account">
      {!sorted.length && <p>No passkey for this site yet: the request stays pending until the page gives up.</p>}
      {sorted.map((c) => (
        <button type="button" class="account" aria-label={`Use ${c.userName}`} onClick={() => p.onChoose(c.id)}>
          <strong>{c.userName}</strong>
          {c.userDisplayName && c.userDisplayName !== c.userName ? ` (${c.userDisplayName})` : ''}
        </button>
      ))}
      <button type="button" aria-label="Cancel" onClick={() => p.onChoose(null)}>
        Cancel
      </button>
    </div>
  );
}
