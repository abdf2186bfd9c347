// Which origins the mock answers, and what it says about them, beside Chromium's virtual authenticator in the
// same browser:
// - secure contexts are the browser's decision: an http origin Chromium is told to treat as secure
//   (--unsafely-treat-insecure-origin-as-secure) and http://app.localhost are answered, as Chromium answers them;
// - crossOrigin is "not same-origin with every ancestor": a frame nested as victim → other origin → victim is
//   cross-origin, with the top frame's origin as topOrigin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { addVirtualAuthenticator } from '../helpers/chromium.js';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';
import {
  crossOriginCreateInFrame,
  nestedUrl,
  nestedUrlWith,
  originCeremoniesInFrame,
} from '../fixtures/originCeremonies.js';

const ceremonies = async (where: Page | Frame, rpId: string, create = true) => {
  await where.evaluate('globalThis.__name = (f) => f');
  return where.evaluate(originCeremoniesInFrame, [rpId, create] as const);
};

let session: MockSession, page: Page;
const port = (url: string) => new URL(url).port;
const appTest = () => `http://app.test:${port(session.rp.url)}`;
const appLocalhost = () => `http://app.localhost:${port(session.rp.url)}`;

before(async () => {
  session = await startMockSession({
    mockOff: true,
    chromiumArgs: (rp) => [
      `--unsafely-treat-insecure-origin-as-secure=http://app.test:${port(rp.url)}`,
      '--host-resolver-rules=MAP app.test 127.0.0.1, MAP other.test 127.0.0.1',
    ],
  });
  page = session.page;
});
after(() => session?.close());

/** The same steps with Chromium's virtual authenticator (mock off), then with the mock; both outcomes. */
async function compare<T>(steps: () => Promise<T>): Promise<{ chromium: T; mock: T }> {
  await session.browser.setMockEverywhere(false);
  const va = await addVirtualAuthenticator(session.browser.context, page);
  const chromium = await steps();
  await va.remove();
  await session.browser.setMockEverywhere(true);
  const mock = await steps();
  await session.browser.setMockEverywhere(false);
  return { chromium, mock };
}

test("secure contexts are the browser's decision: origins Chromium treats as secure are answered as Chromium answers them", async () => {
  const at = async (origin: string, rpId: string) => {
    await page.goto(`${origin}/blank.html`);
    return ceremonies(page, rpId);
  };
  const steps = async () => ({
    flagged: await at(appTest(), 'app.test'),
    localhostSubdomain: await at(appLocalhost(), 'app.localhost'),
    notSecure: await at(`http://other.test:${port(session.rp.url)}`, 'other.test'),
  });
  const { chromium, mock } = await compare(steps);
  assert.equal(chromium.flagged.secure, true, 'Chromium took the flag');
  assert.deepEqual(
    [chromium.flagged.create?.origin, chromium.localhostSubdomain.get?.origin],
    [appTest(), appLocalhost()],
  );
  assert.equal(mock.notSecure.secure, false, 'an http IP address is no secure context: no API');
  assert.deepEqual(mock, chromium);
});

const innermost = async (): Promise<Frame> => {
  for (let i = 0; i < 50; i++) {
    const f = page.frames().find((x) => new URL(x.url()).searchParams.has('innermost'));
    if (f) {
      await f.waitForLoadState();
      return f;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('no innermost frame');
};

test('crossOrigin: not same-origin with every ancestor, topOrigin the top frame, as Chromium computes them', async () => {
  const { url: victim, crossOriginUrl: other } = session.rp;
  // A cross-origin create() needs user activation: the credential is made in the top frame, used in the nested one.
  const inFrame = async (...origins: string[]) => {
    await page.goto(nestedUrl(...origins));
    const frame = await innermost();
    assert.equal(new URL(frame.url()).origin, origins[origins.length - 1]);
    assert.equal(frame.parentFrame()?.parentFrame()?.parentFrame(), null, 'three levels');
    const r = await ceremonies(frame, 'localhost', false);
    const c = r.get;
    return 'error' in r ? r : { origin: c?.origin, crossOrigin: c?.crossOrigin, topOrigin: c?.topOrigin };
  };
  const steps = async () => ({
    madeAtTop: await (async () => {
      await page.goto(`${victim}/blank.html`);
      return (await ceremonies(page, 'localhost')).secure;
    })(),
    sameOrigin: await inFrame(victim, victim, victim),
    victimOtherVictim: await inFrame(victim, other, victim),
    otherInVictim: await inFrame(victim, victim, other),
  });
  const { chromium, mock } = await compare(steps);
  assert.deepEqual(chromium.victimOtherVictim, { origin: victim, crossOrigin: true, topOrigin: victim });
  assert.deepEqual(chromium.sameOrigin, { origin: victim, crossOrigin: false, topOrigin: undefined });
  assert.deepEqual(mock, chromium);
});

test('a cross-origin frame needs the permissions policy (and, to create, a user activation), as in Chromium', async () => {
  const { url: top, crossOriginUrl: third } = session.rp;
  const inThirdParty = async (delegate: boolean) => {
    await page.goto(nestedUrlWith({ delegate, query: 'silent-create' }, top, third));
    // Read from the top frame: an evaluate in the frame itself would give it a user activation.
    const silentCreate = await page
      .waitForFunction(() => document.documentElement.dataset.childSilentCreate)
      .then((h) => h.jsonValue());
    const frame = await innermost();
    const get = await ceremonies(frame, 'localhost', false);
    // Playwright's evaluate runs as a user gesture: the frame has transient activation for this create().
    const clickedCreate = await frame.evaluate(crossOriginCreateInFrame, ['clicked'] as const);
    return { get: get.error ?? 'ok', silentCreate, clickedCreate };
  };
  const steps = async () => {
    await page.goto(`${top}/blank.html`);
    await ceremonies(page, 'localhost');
    return { delegated: await inThirdParty(true), notDelegated: await inThirdParty(false) };
  };
  const { chromium, mock } = await compare(steps);
  assert.deepEqual(chromium, {
    delegated: { get: 'ok', silentCreate: 'NotAllowedError', clickedCreate: 'ok' },
    notDelegated: { get: 'NotAllowedError', silentCreate: 'NotAllowedError', clickedCreate: 'NotAllowedError' },
  });
  assert.deepEqual(mock, chromium);
});
