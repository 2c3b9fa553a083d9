/** The headless host: what `switchboard serve` and the `npm start` fallback use. */
export { startHeadless, DEFAULT_PORT, type Headless, type HeadlessOptions } from './serve.js';
export { createHost, defaultStaticDir, type Host, type HostOptions } from './create-host.js';
export { findLiveServer, readServerInfo, isPidAlive, type ServerInfo } from './server-info.js';
