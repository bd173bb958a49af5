export type RegistrationUriParameters = { name: string; serviceUrl?: string };

/**
 * The agent's ERC-8004 registration file as a `data:` URI (so registering needs no hosting):
 * `{"type": ".../eip-8004#registration-v1", "name", "services": [{"name": "web", "endpoint"}]}`.
 *
 * @example
 * registrationUri({ name: "risk-bot", serviceUrl: "http://127.0.0.1:8080" }); // "data:application/json;base64,..."
 */
export function registrationUri({ name, serviceUrl }: RegistrationUriParameters): string {
  const file = {
    type: "https://eips.ethereum.org/EIPS/eip-8004#registration-v1",
    name,
    services: serviceUrl ? [{ name: "web", endpoint: serviceUrl }] : [],
  };
  return `data:application/json;base64,${Buffer.from(JSON.stringify(file)).toString("base64")}`;
}
