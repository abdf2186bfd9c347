// The runner's testdriver-vendor.js: test_driver's WebAuthn commands (the specification's Automation
// section, as WebDriver carries them) go to the runner through the function it exposes to every page. A run
// without an authenticator behind it answers as a browser without the commands does, the rejection
// webauthn/helpers.js recognises and then tests on without one.
(() => {
  // Each command's arguments before the trailing browsing context, which the runner does not need.
  const ARITY = {
    add_virtual_authenticator: 1,
    remove_virtual_authenticator: 1,
    add_credential: 2,
    get_credentials: 1,
    remove_credential: 2,
    remove_all_credentials: 1,
    set_user_verified: 2,
  };
  const internal = window.test_driver_internal;
  internal.in_automation = true;
  for (const [name, arity] of Object.entries(ARITY)) {
    internal[name] = async (...args) => {
      const answer = JSON.parse(await window.__wptDriver(JSON.stringify({ name, args: args.slice(0, arity) })));
      if (answer.ok) return answer.value;
      throw answer.notImplemented ? `error: Action ${name} not implemented` : `error: ${answer.message}`;
    };
  }
})();
