// The demo relying party on its own: `node --import tsx test/server/main.ts [port]`. npm start runs it.
import { demoScan } from './demoScan.js';
import { startRpServer } from './rpServer.js';

const rp = await startRpServer({
  port: Number(process.argv[2] ?? 8700),
  crossPort: Number(process.argv[3] ?? 8701),
  // The bad RP page's security scan.
  scan: demoScan(),
});
console.log(`demo RP: ${rp.url}  (cross-origin frames from ${rp.crossOriginUrl})`);
process.on('SIGINT', () => void rp.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void rp.close().then(() => process.exit(0)));
