// Page-side helpers of the test relying party (served as /client.js). Tests and the demo call
// window.webauthnTest.register / login / raw; each returns { ok, json } or { ok: false, errorName, errorMessage }.
(() => {
  const post = (path, body) =>
    fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      (r) => r.json(),
    );
  const outcome = async (p) => {
    try {
      const cred = await p;
      return { ok: true, json: cred && typeof cred.toJSON === 'function' ? cred.toJSON() : cred };
    } catch (e) {
      return { ok: false, errorName: e && e.name, errorMessage: e && e.message };
    }
  };
  const show = (text) => {
    const out = document.getElementById('out');
    if (out) out.textContent = text;
  };
  const api = {
    async register(username = 'alice', overrides = {}) {
      const options = await post('/register/options', { username, overrides });
      const r = await outcome(
        navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) }),
      );
      if (r.ok) r.verification = await post('/register/verify', { username, response: r.json });
      show(JSON.stringify(r, null, 2));
      return r;
    },
    async login(username = 'alice', overrides = {}) {
      const options = await post('/login/options', { username, overrides });
      const r = await outcome(
        navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) }),
      );
      if (r.ok) r.verification = await post('/login/verify', { username, response: r.json });
      show(JSON.stringify(r, null, 2));
      return r;
    },
    /** Runs create/get with options JSON as given (for malformed-option scenarios); `extra` adds mediation/abort. */
    async raw(kind, optionsJSON, extra = {}) {
      let publicKey;
      try {
        publicKey =
          kind === 'create'
            ? PublicKeyCredential.parseCreationOptionsFromJSON(optionsJSON)
            : PublicKeyCredential.parseRequestOptionsFromJSON(optionsJSON);
      } catch (e) {
        return { ok: false, stage: 'parse', errorName: e.name, errorMessage: e.message };
      }
      const controller = new AbortController();
      const args = { publicKey };
      if (extra.mediation) args.mediation = extra.mediation;
      if (extra.abort !== undefined) args.signal = controller.signal;
      if (extra.abort === 'before') controller.abort();
      const p = navigator.credentials[kind](args);
      if (typeof extra.abort === 'number') setTimeout(() => controller.abort(), extra.abort);
      return outcome(p);
    },
  };
  Object.defineProperty(window, 'webauthnTest', { value: api });
  // ?silent-create: a create() the page makes on load, with no user activation (a test tool's evaluate in this
  // frame grants one, so the test reads the outcome from the top frame: <html data-child-silent-create> there).
  addEventListener('message', (e) => {
    if (typeof e.data?.silentCreate === 'string')
      document.documentElement.dataset.childSilentCreate = e.data.silentCreate;
  });
  if (new URLSearchParams(location.search).has('silent-create')) {
    const user = { id: crypto.getRandomValues(new Uint8Array(8)), name: 'silent', displayName: 'Silent' };
    navigator.credentials
      .create({
        publicKey: {
          rp: { id: location.hostname, name: 'Silent' },
          user,
          challenge: new Uint8Array(32),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'discouraged' },
        },
      })
      .then(
        () => 'ok',
        (e) => e.name,
      )
      .then((r) => {
        document.documentElement.dataset.silentCreate = r;
        top.postMessage({ silentCreate: r }, '*');
      });
  }
})();
