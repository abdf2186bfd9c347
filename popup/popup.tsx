import { render } from 'preact';
render(<p>WebAuthn DevTools</p>, document.getElementById('app')!);
