// The benches' unit of work, run in the page (self-contained, for page.evaluate): `rounds` create()+get()
// pairs on localhost with page-observed times, `gapMs` of idle time after each pair (0: back to back), and
// optionally the same gets once more timed as one span (per call, finer than the page's 0.1 ms clock).
export interface PairTimes {
  create: number[];
  get: number[];
  /** Per call, when asked for: the batch's gets in a row, as one span. */
  getSpan: number[];
}

export async function ceremonyPairsInPage(o: {
  rounds: number;
  first: number;
  gapMs: number;
  span: boolean;
}): Promise<PairTimes> {
  const create: number[] = [],
    get: number[] = [],
    ids: ArrayBuffer[] = [];
  const signIn = (id: ArrayBuffer) =>
    navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        rpId: 'localhost',
        allowCredentials: [{ type: 'public-key', id }],
      },
    });
  for (let i = o.first; i < o.first + o.rounds; i++) {
    const user = { id: new TextEncoder().encode(`u${i}`), name: `u${i}`, displayName: `U ${i}` };
    let t0 = performance.now();
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'RP' },
        user,
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    })) as PublicKeyCredential;
    create.push(performance.now() - t0);
    t0 = performance.now();
    await signIn(c.rawId);
    get.push(performance.now() - t0);
    ids.push(c.rawId);
    if (o.gapMs) await new Promise((r) => setTimeout(r, o.gapMs));
  }
  if (!o.span) return { create, get, getSpan: [] };
  const t0 = performance.now();
  for (const id of ids) await signIn(id);
  return { create, get, getSpan: [(performance.now() - t0) / ids.length] };
}
