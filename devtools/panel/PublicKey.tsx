// A credential public key as COSE (every label named), JWK and PEM.
import type { PublicKeyView } from '../../src/webauthn/ceremonyView.js';
import { CopyButton } from './CopyButton.js';
import { Fields, Json, pretty } from './Fields.js';

export function PublicKey({ publicKey: k }: { publicKey: PublicKeyView }) {
  return (
    <div class="public-key" data-alg={k.alg}>
      <Fields
        rows={[
          [
            'algorithm',
            k.alg === undefined ? (
              <span class="muted">absent</span>
            ) : (
              <>
                <code>{k.alg}</code> {k.algName}
              </>
            ),
          ],
          [
            'key type',
            <>
              {k.kty}
              {k.crv && ` (${k.crv})`}
            </>,
          ],
          [
            'COSE',
            <table class="cose">
              <tbody>
                {k.cose.map((e) => (
                  <tr key={String(e.label)}>
                    <th scope="row">
                      <code>{String(e.label)}</code>
                      {e.name && ` ${e.name}`}
                    </th>
                    <td>
                      <Json value={e.value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>,
          ],
          [
            'JWK',
            k.jwk ? (
              <>
                <code class="jwk">{JSON.stringify(k.jwk)}</code>{' '}
                <CopyButton text={() => pretty(k.jwk)} label="Copy JWK" />
              </>
            ) : (
              <span class="decode-error">{k.conversionError ?? 'not available'}</span>
            ),
          ],
          [
            'PEM',
            k.pem ? (
              <>
                <pre class="pem">{k.pem}</pre>
                <CopyButton text={() => k.pem ?? ''} label="Copy PEM" />
              </>
            ) : (
              <span class="decode-error">{k.conversionError ?? 'not available'}</span>
            ),
          ],
        ]}
      />
    </div>
  );
}
