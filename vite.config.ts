import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "@db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        api: "modern-compiler",
        loadPaths: [fileURLToPath(new URL("./node_modules", import.meta.url))],
        quietDeps: true,
        silenceDeprecations: ["import"],
      },
    },
  },
  // PGlite ships WebAssembly and data files it locates relative to its own module: keep it external.
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "pg"] },
  server: { hmr: { port: 24679 } },
  plugins: [
    remix({
      // A separate build folder lets several builds (parallel test runs) coexist.
      buildDirectory: process.env.BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
