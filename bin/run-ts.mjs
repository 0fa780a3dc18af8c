#!/usr/bin/env node
// Runs a TypeScript file (bench scripts) through tsx: node bin/run-ts.mjs FILE.ts
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const file = process.argv[2];
if (!file) throw new Error('usage: node bin/run-ts.mjs FILE.ts');
await import(pathToFileURL(path.resolve(file)).href);
