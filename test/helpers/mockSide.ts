// Probes a page for the mock's page side the way the hook finds it (src/page/mockLink.ts): say hello on the
// link event and see whether a mock side announces itself. For page.evaluate in Playwright and Puppeteer.
import { LINK_EVENT } from '../../src/page/mockLink.js';

export { LINK_EVENT };

/** Runs in the page with LINK_EVENT as its argument; true when a mock side answered. */
export const mockSideAnswersInPage = (name: string): boolean => {
  let heard = false;
  addEventListener(name, (e) => {
    if ((e as CustomEvent).detail) heard = true;
  });
  dispatchEvent(new CustomEvent(name));
  return heard;
};
