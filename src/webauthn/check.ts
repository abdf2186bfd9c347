// A check is one verdict the decoder or a rule reaches about a ceremony, shown as a row in the panel.

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

export interface Check {
  /** Stable identifier ("clientData.challenge"), for tests and for filtering. */
  id: string;
  /** One line a developer reads ("challenge matches the options"). */
  label: string;
  status: CheckStatus;
  /** Why it failed, what was expected and what was seen. */
  detail?: string;
  /** Section of the WebAuthn Level 3 spec, as a URL fragment ("#sctn-verifying-assertion"). */
  spec?: string;
}

export const check = (id: string, label: string, status: CheckStatus, detail?: string, spec?: string): Check => ({
  id,
  label,
  status,
  ...(detail === undefined ? {} : { detail }),
  ...(spec === undefined ? {} : { spec }),
});
