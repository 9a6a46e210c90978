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
      // Worker threads' code: own files beside main.js (main/workers/worker-script.ts).
      lib: {
        entry: {
          main: path.resolve(__dirname, 'electron/main.ts'),
          'pdf-worker': path.resolve(__dirname, 'main/domain/reports/pdf/pdf-worker.ts'),
          'import-writer': path.resolve(__dirname, 'main/domain/inventory/import-writer.ts'),
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
