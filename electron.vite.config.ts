import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer';

// TypeORM's decorators need the legacy decorator transform; columns carry explicit types.
const decorators = {
  tsconfigRaw: {
    compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false },
  },
};

export default defineConfig({
  main: {
    esbuild: decorators,
    build: {
      outDir: 'out/electron',
      externalizeDeps: true,
      // The PDF worker thread's code is its own file beside main.js (pdf/pdf-thread.ts).
      lib: {
        entry: {
          main: path.resolve(__dirname, 'electron/main.ts'),
          'pdf-worker': path.resolve(__dirname, 'main/domain/reports/pdf/pdf-worker.ts'),
        },
        formats: ['cjs'],
      },
      rollupOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      // A sandboxed preload must be one CommonJS file.
      lib: { entry: path.resolve(__dirname, 'electron/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: 'preload.js' } },
    },
  },
  renderer: rendererConfig('out/renderer'),
});
