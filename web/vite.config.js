import { defineConfig } from 'vite';

// Built into dist/, which the Depc.Server build copies to its output's wwwroot/ and depc serve serves at /.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});
