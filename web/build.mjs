// Bundles src/main.js and src/style.css into dist/assets and copies index.html.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/assets', { recursive: true });
await build({
  entryPoints: { app: 'src/main.js', style: 'src/style.css' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: 'dist/assets',
  logLevel: 'warning',
  legalComments: 'none',
});
copyFileSync('index.html', 'dist/index.html');
copyFileSync('src/icon.svg', 'dist/assets/icon.svg');
