/**
 * Guards every web contents: no navigation off our origin, no new windows, no webviews, no
 * permissions. Links to vetted https URLs go to the user's browser through shell.openExternal.
 */
import { isAppUrl } from './app-protocol.js';
import type { ShellElectron, WebContentsLike } from './electron-api.js';

/** An https URL with a host and no credentials: the only kind handed to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContentsLike, shell: ShellElectron['shell'], log: (msg: string) => void): void {
  const refuseNavigation = (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked navigation to ${event.url}`);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-frame-navigate', refuseNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${String(err)}`));
    else log(`blocked window.open(${url})`);
    return { action: 'deny' };
  });
}

/** The only permission the window may use: writing to the clipboard (the terminal's Copy), from our origin. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);
export const isPermissionAllowed = (permission: string, origin: string | undefined): boolean =>
  ALLOWED_PERMISSIONS.has(permission) && origin !== undefined && isAppUrl(origin);

/** Denies every other permission (camera, geolocation, notifications, clipboard-read, devices...). */
export function restrictPermissions(session: ShellElectron['session']['defaultSession']): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
