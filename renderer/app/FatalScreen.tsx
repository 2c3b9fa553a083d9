/** Shown instead of the app when it cannot start at all (no token in a browser; no daemon for the desktop window). */
export function FatalScreen({ message, desktop = false }: { message: string; desktop?: boolean }) {
  return (
    <main className="empty" role="alert" style={{ marginTop: '20vh' }}>
      <h2>Switchboard cannot connect</h2>
      <p>{message}</p>
      {desktop ? (
        <p>The app restarts its background service on its own; this window reloads once it is back.</p>
      ) : (
        <p>
          Start the host with <code>npx switchboard serve</code> and open the URL it prints.
        </p>
      )}
    </main>
  );
}
