// HTML pages of the test relying party and demo site.
const page = (
  title: string,
  body: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px system-ui;margin:2rem;max-width:48rem}button{margin:.2rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style>
<script src="/client.js"></script></head><body>${body}</body></html>`;

export function demoPage(): string {
  return page(
    'WebAuthn DevTools demo RP',
    `<h1>Demo relying party</h1>
<p>Sign up and sign in with a passkey; open DevTools → <b>WebAuthn</b> to see each ceremony decoded.</p>
<label>User name <input id="user" value="alice"></label>
<button id="register" onclick="webauthnTest.register(document.getElementById('user').value)">Sign up</button>
<button id="login" onclick="webauthnTest.login(document.getElementById('user').value)">Sign in</button>
<p><a href="/bad-rp.html">A relying party with mistakes</a> · <a href="/frame-host.html">Iframes</a></p>
<pre id="out"></pre>`,
  );
}

export function badRpPage(): string {
  return page(
    'Imperfect RP',
    `<h1>An imperfect relying party</h1>
<p>Short challenge, e-mail as user.id, no RS256, attestation "direct", a 5 s timeout, allowCredentials without transports,
residentKey "required" with requireResidentKey false. The panel's Problems list flags each.</p>
<button id="register" onclick="webauthnTest.register('bob@example.com', { bad: true })">Sign up badly</button>
<button id="login" onclick="webauthnTest.login('bob@example.com', { bad: true })">Sign in badly</button>
<pre id="out"></pre>
<h2>Security scan</h2>
<p>Does a relying party check everything it must? The scan answers each of the catalogue's tamperings to a relying
party that skips a few checks (origin, UP, the sign counter, attestation trust), in a headless Chromium of its
own with the extension, as a test suite runs <code>scan()</code>, and shows the scorecard: the tamperings it
accepted come first.</p>
<button id="scan">Run the scan (about half a minute)</button> <span id="scan-status" role="status"></span>
<iframe id="scorecard" title="Scorecard" hidden style="width:100%;height:640px;border:1px solid #ccc"></iframe>
<script>
document.getElementById('scan').onclick = async () => {
  const status = document.getElementById('scan-status');
  const frame = document.getElementById('scorecard');
  status.textContent = 'scanning…';
  try {
    const r = await fetch('/scan/run', { method: 'POST' });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error || 'HTTP ' + r.status);
    const s = j.summary;
    status.textContent = s.accepted + ' accepted (each one a check the RP skips), ' + s.refused + ' refused, ' +
      s.notApplicable + ' not applicable, in ' + Math.round(j.durationMs / 1000) + ' s';
    frame.src = '/scan/scorecard.html?' + Date.now();
    frame.hidden = false;
  } catch (e) {
    status.textContent = 'the scan could not run: ' + e.message;
  }
};
</script>`,
  );
}

export function frameHostPage(crossOriginUrl: string): string {
  const allow = 'publickey-credentials-get; publickey-credentials-create';
  return page(
    'Iframes',
    `<h1>Frames</h1>
<iframe id="same" src="/blank.html?frame=same" allow="${allow}" width="400" height="120"></iframe>
<iframe id="cross" src="${crossOriginUrl}/blank.html?frame=cross" allow="${allow}" width="400" height="120"></iframe>`,
  );
}

export const blankPage = (): string => page('blank', '<p>blank</p><pre id="out"></pre>');

/** A frame around `inner` (a URL), allowed to use WebAuthn: nest these to build a frame tree. */
export function nestPage(inner: string, delegate = true): string {
  const allow = delegate ? ' allow="publickey-credentials-get; publickey-credentials-create"' : '';
  const src = inner.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return page('nest', `<iframe src="${src}"${allow} width="600" height="300"></iframe>`);
}
