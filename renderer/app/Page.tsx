import type { ReactNode } from 'react';
import { AppWarnings } from './AppWarnings.js';

/** A screen: its title bar with actions (and `strip` under it), the app's warnings, then the body. */
export function Page({ title, actions, strip, children, scroll = true }: { title: string; actions?: ReactNode; strip?: ReactNode; children: ReactNode; scroll?: boolean }) {
  return (
    <>
      <header className="page-head">
        <h1>{title}</h1>
        <div className="spacer" />
        {actions}
      </header>
      {strip}
      <AppWarnings />
      <div className="page-body">{scroll ? <div className="page-scroll">{children}</div> : children}</div>
    </>
  );
}
