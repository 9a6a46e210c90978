import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer';

/** The renderer for the browser harness: `npm run start:web` serves out/web. */
export default defineConfig(rendererConfig('out/web'));
