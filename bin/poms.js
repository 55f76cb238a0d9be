#!/usr/bin/env node
// The `poms` command: runs the compiled CLI (dist/src/cli/main.js) when `npm run build` is up to
// date, else src/cli/main.ts through tsx, in a child Node process, and hands back its exit code
// (or its signal). See scripts/built.mjs.
/* global process */
import { runEntry } from '../scripts/built.mjs';

runEntry('src/cli/main', process.argv.slice(2));
