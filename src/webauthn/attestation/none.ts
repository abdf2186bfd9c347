// "none" (§8.7): the authenticator (or the client, replacing it) gives no attestation; attStmt is empty.
import { check } from '../check.js';
import { statementFields, type AttestationFormat } from './statement.js';

export const noneFormat: AttestationFormat = {
  fmt: 'none',
  title: 'None',
  spec: '#sctn-none-attestation',
  async decode({ attStmt }) {
    const empty = attStmt.size === 0;
    return {
      fmt: 'none',
      known: true,
      attestationType: 'None',
      fields: statementFields(attStmt),
      certificates: [],
      chain: [],
      checks: [
        check(
          'attestation.none.empty',
          'attStmt is an empty map',
          empty ? 'pass' : 'fail',
          empty ? undefined : `attStmt has ${attStmt.size} member(s)`,
          '#sctn-none-attestation',
        ),
      ],
    };
  },
};
