// Whether a flooding tab delays another tab's calls: tab B's page-observed mock get() median while tab A is
// idle (the baseline) and while tab A posts forged records and mock requests on the window channel as fast as
// its bridge takes them, alternating batch by batch in one Chromium so machine noise hits both.
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

const ROUNDS = 20;
const BATCHES = 6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Page-observed get() times of one batch on `page`, with a credential made first. */
function gets(page: Page): Promise<number[]> {
  return page.evaluate(async (rounds) => {
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'Rate' },
        user: { id: crypto.getRandomValues(new Uint8Array(8)), name: 'rate', displayName: 'Rate' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    })) as PublicKeyCredential;
    const out: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await navigator.credentials.get({
        publicKey: {
          challenge: new Uint8Array(32),
          rpId: 'localhost',
          allowCredentials: [{ type: 'public-key', id: c.rawId }],
        },
      });
      out.push(performance.now() - t0);
    }
    return out;
  }, ROUNDS);
}

/** Starts (or stops) tab A's flood: bursts of 200 forged records and 200 mock requests per task, unthrottled. */
function flood(page: Page, on: boolean): Promise<number> {
  return page.evaluate(
    ([start, BURST]) => {
      const w = window as unknown as { __flood?: { on: boolean; sent: number } };
      if (!start) {
        if (w.__flood) w.__flood.on = false;
        return w.__flood?.sent ?? 0;
      }
      const state = (w.__flood = { on: true, sent: 0 });
      const channel = '__webauthn_devtools__';
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        for (let i = 0; i < BURST; i++) {
          const n = state.sent++;
          postMessage(
            {
              channel,
              type: 'log/ceremony',
              record: { id: `flood-${n}`, kind: 'get', mode: 'native', status: 'ok', startTime: n },
            },
            '*',
          );
          postMessage(
            {
              channel,
              type: 'rpc/request',
              id: `flood-${n}`,
              body: {
                type: 'mock/call',
                kind: 'get',
                options: {
                  challenge: 'AAAA',
                  rpId: 'localhost',
                  allowCredentials: [{ type: 'public-key', id: 'AAAA' }],
                },
              },
            },
            '*',
          );
        }
        if (state.on) ch.port2.postMessage(0);
      };
      ch.port2.postMessage(0);
      return 0;
    },
    [on, 200] as const,
  );
}

export async function run(): Promise<object> {
  const rp = await startRpServer();
  const b = await launchChromium();
  try {
    await b.setMockEverywhere(true);
    const open = async () => {
      const p = await b.context.newPage();
      await p.goto(`${rp.url}/blank.html`);
      await p.evaluate('globalThis.__name = (f) => f');
      return p;
    };
    const flooder = await open();
    const measured = await open();
    await measured.bringToFront();
    await measured.waitForTimeout(1000);
    const idle: number[] = [],
      flooded: number[] = [];
    let sent = 0;
    for (let i = 0; i < BATCHES; i++) {
      idle.push(...(await gets(measured)).slice(i === 0 ? 5 : 0));
      await flood(flooder, true);
      await measured.waitForTimeout(200);
      flooded.push(...(await gets(measured)));
      sent += await flood(flooder, false);
      await measured.waitForTimeout(500);
    }
    const [a, f] = [median(idle), median(flooded)];
    return {
      what: "tab B's mock get() median, tab A idle vs tab A flooding the window channel (records + mock requests)",
      idleMs: +a.toFixed(2),
      floodedMs: +f.toFixed(2),
      addedMs: +(f - a).toFixed(2),
      ratio: +(f / a).toFixed(2),
      floodMessages: sent * 2,
      samples: { idle: idle.length, flooded: flooded.length },
    };
  } finally {
    await b.close();
    await rp.close();
  }
}
