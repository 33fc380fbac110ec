import { defineConfig } from 'vitest/config';

// THX_NODE_URL is the node that `npm run dev` forwards JSON-RPC to: POSTs
// and WebSocket upgrades at / go there, and the page itself comes from
// Vite with hot reload.
const nodeUrl = process.env.THX_NODE_URL ?? 'http://127.0.0.1:8645';

// The node serves dist/ at / (dapp/embed.go), so asset paths are absolute
// from the root. Bundles are named after a hash of their content, so a
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
  server: {
    host: '127.0.0.1',
    proxy: {
      '^/$': {
        target: nodeUrl,
        ws: true,
        bypass: (req) => (req.method === 'GET' && !req.headers.upgrade ? '/index.html' : undefined),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
