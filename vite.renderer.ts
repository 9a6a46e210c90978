import path from 'node:path';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';
import type { Plugin, UserConfig } from 'vite';
import { cspMetaTag } from './main/csp';

/** The Electron build loads index.html from file://, whose responses carry no headers: there the
 * policy goes into the page as a meta tag. The harness sends it as a header instead. */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', (m) => `${m}\n    ${cspMetaTag()}`),
  };
}

/** The renderer's build, shared by the browser harness (out/web) and the app (out/renderer). */
export function rendererConfig(outDir: string, opts: { cspMeta?: boolean } = {}): UserConfig {
  return {
    root: path.resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react(), ...(opts.cspMeta ? [cspMeta()] : [])],
    css: {
      postcss: {
        plugins: [
          postcssPresetMantine(),
          postcssSimpleVars({
            variables: {
              'mantine-breakpoint-xs': '36em',
              'mantine-breakpoint-sm': '48em',
              'mantine-breakpoint-md': '62em',
              'mantine-breakpoint-lg': '75em',
              'mantine-breakpoint-xl': '88em',
            },
          }),
        ],
      },
    },
    build: {
      outDir: path.resolve(__dirname, outDir),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2500,
      rollupOptions: { input: path.resolve(__dirname, 'renderer/index.html') },
    },
  };
}
