/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
export const isMac = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);

/** "Ctrl+N" or "⌘N" for the user's platform. */
export const shortcutLabel = (key: string, platform: string): string => (isMac(platform) ? `⌘${key}` : `Ctrl+${key}`);

/** True for the platform's primary modifier plus `key` (Cmd on macOS, Ctrl elsewhere). */
export function isShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }, key: string, platform: string): boolean {
  const primary = isMac(platform) ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  return primary && !e.altKey && !e.shiftKey && e.key.toLowerCase() === key.toLowerCase();
}

/**
 * The New Task shortcut to show: Ctrl/⌘+N in the desktop app; in a browser, which keeps Ctrl+N for
 * a new window, the plain N key.
 */
export const newTaskShortcut = (runsIn: 'desktop' | 'browser', platform: string): string => (runsIn === 'desktop' ? shortcutLabel('N', platform) : 'N');
