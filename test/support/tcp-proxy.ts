// A TCP proxy in front of PostgreSQL that a test closes to make an outage: closing refuses new
// connections and cuts the open ones, as a database that went down does; opening lets them through.
import net from "node:net";

export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** DATABASE_URL with its host and port replaced by the proxy's. */
  static urlThrough(databaseUrl: string, port: number): string {
    const u = new URL(databaseUrl);
    u.hostname = "127.0.0.1";
    u.port = String(port);
    return u.toString();
  }

  static targetOf(databaseUrl: string) {
    const u = new URL(databaseUrl);
    return { host: u.hostname || "127.0.0.1", port: Number(u.port || 5432) };
  }

  async open() {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  async close() {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
