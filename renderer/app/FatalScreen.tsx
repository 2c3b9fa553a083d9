/** Shown instead of the app when it cannot start at all (no token in a browser). */
export function FatalScreen({ message }: { message: string }) {
  return (
    <main className="empty" role="alert" style={{ marginTop: '20vh' }}>
      <h2>Switchboard cannot connect</h2>
      <p>{message}</p>
      <p>
        Start the host with <code>npx switchboard serve</code> and open the URL it prints.
      </p>
    </main>
  );
}
