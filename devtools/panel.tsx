import { render } from 'preact';
render(<p>WebAuthn inspector: coming with the inspector issue.</p>, document.getElementById('app')!);
