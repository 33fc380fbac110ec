import { defineConfig } from 'vitest/config';

// The node serves dist/ at / (dapp/embed.go), so asset paths are absolute
// from the root. Bundles keep stable, content-hashed names so that a
// rebuild of the same sources writes the same files.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
