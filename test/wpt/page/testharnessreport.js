// The runner's testharnessreport.js: testharness.js calls it with every subtest's outcome when the file
// completes; the runner reads them from the page.
add_completion_callback((tests, status) => {
  window.__wptResults = {
    harness: { status: status.status, message: status.message ?? null },
    tests: tests.map((t) => ({ name: t.name, status: t.status, message: t.message ?? null })),
  };
});
