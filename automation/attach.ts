// attach(): finds the browser behind a Playwright BrowserContext or a Puppeteer Browser, makes sure the
// extension is there (Firefox: installs it as a temporary add-on), and opens the extension's control page,
// the one channel the controller talks through. Only the shapes used are typed, so that neither library is
// a dependency.
import { extensionPath, FIREFOX_ADDON_UUID } from './launch.js';

/**
 * What the controller needs of a page: evaluate one function with one argument (Playwright's and Puppeteer's
 * signatures differ; `run` calls either).
 */
export interface ControlPage {
  evaluate(fn: never, arg: never): Promise<unknown>;
  close(): Promise<unknown>;
  isClosed?(): boolean;
}

/** page.evaluate(fn, arg), typed. */
export const run = <R, A>(page: ControlPage, fn: (arg: A) => R, arg: A): Promise<Awaited<R>> =>
  page.evaluate(fn as never, arg as never) as Promise<Awaited<R>>;
interface PageLike extends ControlPage {
  goto(url: string): Promise<unknown>;
}
interface WorkerLike {
  url(): string;
}
/** A Playwright BrowserContext (Chromium, launched with chromiumArgs()). */
export interface PlaywrightContextLike {
  serviceWorkers(): WorkerLike[];
  waitForEvent(event: 'serviceworker', options: { timeout: number }): Promise<WorkerLike>;
  newPage(): Promise<PageLike>;
}
interface TargetLike {
  type(): string;
  url(): string;
}
/** A Puppeteer Browser: Chromium launched with chromiumArgs(), or Firefox with firefoxLaunchOptions(). */
export interface PuppeteerBrowserLike {
  version(): Promise<string>;
  targets(): TargetLike[];
  waitForTarget(predicate: (t: TargetLike) => boolean, options: { timeout: number }): Promise<TargetLike>;
  newPage(): Promise<PageLike>;
  installExtension?(path: string): Promise<string>;
}
export type AttachTarget = PlaywrightContextLike | PuppeteerBrowserLike;

const WORKER_PATH = '/background/background.js';
const CONTROL_PATH = 'automation/control.html';
const READY_MS = 15_000;

const isWorker = (url: string) => url.startsWith('chrome-extension://') && url.endsWith(WORKER_PATH);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** chrome-extension://<id> (URL.origin is "null" for schemes Node does not know). */
const baseOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
};

/** The extension's base URL in this browser. */
async function extensionBase(target: AttachTarget): Promise<{ base: string; firefox: boolean }> {
  if ('serviceWorkers' in target) {
    const w =
      target.serviceWorkers().find((x) => isWorker(x.url())) ??
      (await target.waitForEvent('serviceworker', { timeout: READY_MS }));
    if (!isWorker(w.url())) throw new Error('attach: the extension is not loaded; launch Chromium with chromiumArgs()');
    return { base: baseOf(w.url()), firefox: false };
  }
  if (/firefox/i.test(await target.version())) return { base: `moz-extension://${FIREFOX_ADDON_UUID}`, firefox: true };
  const t =
    target.targets().find((x) => x.type() === 'service_worker' && isWorker(x.url())) ??
    (await target.waitForTarget((x) => x.type() === 'service_worker' && isWorker(x.url()), { timeout: READY_MS }));
  return { base: baseOf(t.url()), firefox: false };
}

/** Opens the control page and waits until its channel is there; undefined if it never comes. */
async function openControl(target: AttachTarget, url: string, waitMs: number): Promise<ControlPage | undefined> {
  const page = await target.newPage();
  // Firefox over BiDi never reports a moz-extension:// load as finished: start it, then wait for the page.
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const ready = await run(
      page,
      () => typeof (globalThis as { __webauthnAutomation?: unknown }).__webauthnAutomation === 'object',
      null,
    ).catch(() => false);
    if (ready) return page;
    await sleep(100);
  }
  await page.close().catch(() => undefined);
  return undefined;
}

/** Opens (or reopens) the control page of the extension in this browser. */
export async function controlPage(target: AttachTarget): Promise<ControlPage> {
  const { base, firefox } = await extensionBase(target);
  const url = `${base}/${CONTROL_PATH}`;
  let page = await openControl(target, url, firefox ? 3_000 : READY_MS);
  if (!page && firefox && 'installExtension' in target && target.installExtension) {
    await target.installExtension(extensionPath('firefox'));
    page = await openControl(target, url, READY_MS);
  }
  if (!page)
    throw new Error(
      `attach: the extension's control page (${url}) did not open; launch ${firefox ? 'Firefox with firefoxLaunchOptions()' : 'Chromium with chromiumArgs()'}`,
    );
  return page;
}
