// Starts the report worker from its TypeScript source (tests and the dev server): Node cannot run .ts itself, so
// tsx is registered in this thread first. The production build runs build/server/pdf-worker.js instead.
import { register } from "tsx/esm/api";

register();
await import("./pdf-worker.ts");
