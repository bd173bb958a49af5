// The root `postinstall`: builds the CLI (build.ts) when this Node can run TypeScript (22.18 and later strip types).
// Plain JavaScript, so that on an older Node `pnpm install` still succeeds: it warns, and the CLI says what to do when
// it runs. Dependency scripts stay disabled; this is the workspace's own.
try {
  await import("./build.ts");
} catch (error) {
  process.stderr.write(
    `convergence CLI: not built at install (${error instanceof Error ? error.message.split("\n")[0] : String(error)}).\n` +
      `  The pinned Node 22 runs it on the next 'pnpm convergence ...'; on a Node older than 22.18, install Node 22.\n`,
  );
}
