#!/usr/bin/env node
// Runs on Node 22 as is (its type stripping), so starting needs no TypeScript compiler; see launcher/launchCli.ts.
import { launchCli } from "./launcher/launchCli.ts";

await launchCli({ argv: process.argv });
