// The attestation statement formats this tool reads (§8, IANA "WebAuthn Attestation Statement Format
// Identifiers"), keyed by fmt. A format added here is shown everywhere.
import { androidKeyFormat } from './androidKey.js';
import { androidSafetynetFormat } from './androidSafetynet.js';
import { appleFormat } from './apple.js';
import { fidoU2fFormat } from './fidoU2f.js';
import { noneFormat } from './none.js';
import { packedFormat } from './packed.js';
import {
  statementFields,
  type AttestationFormat,
  type AttestationStatementView,
  type StatementInput,
} from './statement.js';
import { tpmFormat } from './tpm.js';
import { check } from '../check.js';

export const ATTESTATION_FORMATS: Readonly<Record<string, AttestationFormat>> = Object.fromEntries(
  [noneFormat, packedFormat, fidoU2fFormat, tpmFormat, androidKeyFormat, androidSafetynetFormat, appleFormat].map(
    (f) => [f.fmt, f],
  ),
);

/** Decodes any statement; an unknown fmt still shows its fields. Never throws. */
export async function decodeAttestationStatement(
  fmt: string,
  input: StatementInput,
): Promise<AttestationStatementView> {
  const format = Object.hasOwn(ATTESTATION_FORMATS, fmt) ? ATTESTATION_FORMATS[fmt] : undefined;
  const fallback = (detail: string): AttestationStatementView => ({
    fmt,
    known: !!format,
    attestationType: 'Uncertain',
    fields: statementFields(input.attStmt),
    certificates: [],
    chain: [],
    checks: [
      check(
        'attestation.fmt',
        format ? 'attestation statement decodes' : 'fmt is a registered attestation format',
        'fail',
        detail,
        '#sctn-defined-attestation-formats',
      ),
    ],
  });
  if (!format) return fallback(`unknown fmt ${JSON.stringify(fmt)}`);
  try {
    return await format.decode(input);
  } catch (e) {
    return fallback(`the ${fmt} statement could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
