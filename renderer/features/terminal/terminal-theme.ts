import type { ITheme } from '@xterm/xterm';

/** The terminal's colours from the app's CSS variables, so it follows the light/dark theme. */
export function terminalTheme(el: Element): ITheme {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const light = matchMedia('(prefers-color-scheme: light)').matches;
  return {
    background: v('--term-bg') || (light ? '#fbfbfc' : '#0b0e13'),
    foreground: v('--text'),
    cursor: v('--accent'),
    selectionBackground: light ? 'rgba(37, 99, 235, 0.25)' : 'rgba(110, 168, 254, 0.3)',
    ...(light
      ? { black: '#1f2328', red: '#cf222e', green: '#116329', yellow: '#9a6700', blue: '#0969da', magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781' }
      : { black: '#484f58', red: '#ff7b72', green: '#3fb950', yellow: '#d29922', blue: '#58a6ff', magenta: '#bc8cff', cyan: '#39c5cf', white: '#b1bac4' }),
  };
}

/**
 * Colours for search matches. The search addon reports "n of m" only when it draws decorations,
 * and it wants #RRGGBB colours.
 */
export function searchDecorations(el: Element) {
  const light = matchMedia('(prefers-color-scheme: light)').matches;
  const match = light ? '#fff1a8' : '#5a4a12';
  const active = light ? '#ffb347' : '#b7791f';
  return { matchBackground: match, matchOverviewRuler: match, activeMatchBackground: active, activeMatchColorOverviewRuler: active, activeMatchBorder: terminalTheme(el).cursor ?? active };
}
