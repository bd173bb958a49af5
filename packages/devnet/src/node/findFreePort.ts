import { createServer } from "node:net";

/** Asks the OS for a free TCP port on the given host. */
export function findFreePort({ host = "127.0.0.1" }: { host?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
