// Registers the WebAuthn panel in DevTools.
chrome.devtools.panels.create('WebAuthn', '/icons/icon-32.png', '/devtools/panel.html');
