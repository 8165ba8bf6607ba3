// Bundles the console into one JS and one CSS file (minified, content-hashed names), writes
// index.html and the favicon beside them, and a list of the files for the api function to load.
// Usage: node build.mjs [outdir]   (default: ../target/classes/console, a resource of the api jar)
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const outdir = resolve(process.argv[2] || join(here, '..', 'target', 'classes', 'console'));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: join(here, 'src', 'main.jsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name]-[hash]',
  outdir,
  metafile: true,
  legalComments: 'none',
  logLevel: 'error',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const js = outputs.find((file) => file.endsWith('.js'));
const css = outputs.find((file) => file.endsWith('.css'));
const html = readFileSync(join(here, 'src', 'index.html'), 'utf8')
  .replace('%CSS%', `/console/${css}`)
  .replace('%JS%', `/console/${js}`);
writeFileSync(join(outdir, 'index.html'), html);
copyFileSync(join(here, 'src', 'favicon.svg'), join(outdir, 'favicon.svg'));
writeFileSync(join(outdir, 'files.txt'), ['index.html', 'favicon.svg', js, css].join('\n') + '\n');
