import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The report PDF worker, built on its own beside the server bundle (build/server/pdf-worker.js): a worker thread
// needs a file of its own to start from, and it cannot import code out of build/server/index.js. Packages stay
// external (pdfmake, chart.js, @napi-rs/canvas, the fonts) and load from node_modules, as the server's do.
// See docs/decisions/0720-pdf-off-the-event-loop.md.
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "@db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  publicDir: false,
  logLevel: "warn",
  build: {
    ssr: "app/reports/pdf-worker.ts",
    outDir: `${process.env.BUILD_DIR ?? "build"}/server`,
    // The server bundle is already there: add to it, never clear it.
    emptyOutDir: false,
    target: "node20",
    minify: false,
    rollupOptions: { output: { format: "es", entryFileNames: "pdf-worker.js" } },
  },
});
