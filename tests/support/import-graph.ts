import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One import of one module by another, both as paths relative to the project root. */
export interface ImportEdge {
  from: string;
  to: string;
}

const SOURCE = /\.(ts|tsx|mjs|js)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function compilerOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, "tsconfig.json");
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

/**
 * Every import between the modules under `dir` (default `app`), read with the TypeScript compiler's own import
 * scanner (`ts.preProcessFile`: static imports, `export … from`, type-only imports and dynamic `import()`), and
 * resolved with the project's tsconfig.json, so the `~/` alias resolves as the compiler resolves it. Imports of
 * packages and of files outside `dir` are left out. A relative or `~/` import that resolves to no file throws,
 * so a scanner that missed a module cannot pass for a graph without loops.
 */
export function readImportGraph(root: string, dir = "app"): ImportEdge[] {
  const options = compilerOptions(root);
  const base = path.join(root, dir);
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(base)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const local = specifier.startsWith(".") || specifier.startsWith("~/");
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
      let target = resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
      if (!target && local) {
        // Not a TypeScript module (a stylesheet with Vite's `?url`, a script): the file itself.
        const bare = specifier.replace(/\?.*$/, "");
        const candidate = bare.startsWith("~/")
          ? path.join(base, bare.slice(2))
          : path.resolve(path.dirname(file), bare);
        if (!existsSync(candidate)) throw new Error(`${path.relative(root, file)}: cannot resolve "${specifier}"`);
        target = candidate;
      }
      if (!target) continue;
      const to = path.relative(root, path.resolve(target));
      if (to.startsWith("..") || !to.startsWith(dir + path.sep)) continue;
      edges.push({ from: path.relative(root, file), to });
    }
  }
  return edges;
}

/**
 * The unit a module belongs to in the domain graph: its folder directly under `dir` (`people/`), or, for a module
 * that sits in `dir` itself, its own file name (`calendar.ts`).
 */
export function unitOf(file: string, dir = "app"): string {
  const parts = path.relative(dir, file).split(path.sep);
  return parts.length > 1 ? `${parts[0]}/` : parts[0];
}

/** A group of units that import each other, and one loop through them with an import that makes each step. */
export interface UnitCycle {
  /** Every unit in the group, in alphabetical order. */
  members: string[];
  /** The loop, from the first member round to it again. */
  units: string[];
  steps: ImportEdge[];
}

/**
 * The loops in the graph whose nodes are units (folders) and whose arcs are the imports between them: one loop for
 * each group of units that reach each other (a strongly connected component, Tarjan's algorithm), given as a
 * shortest path round it from its first unit in alphabetical order. Empty when the units form a layered graph.
 */
export function unitCycles(edges: ImportEdge[], unit: (file: string) => string = (f) => unitOf(f)): UnitCycle[] {
  const arcs = new Map<string, Map<string, ImportEdge>>();
  for (const edge of edges) {
    const a = unit(edge.from);
    const b = unit(edge.to);
    if (a === b) continue;
    if (!arcs.has(a)) arcs.set(a, new Map());
    if (!arcs.has(b)) arcs.set(b, new Map());
    if (!arcs.get(a)!.has(b)) arcs.get(a)!.set(b, edge);
  }

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of arcs.get(v)!.keys()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...arcs.keys()].sort()) if (!index.has(v)) visit(v);

  return components.map((component) => {
    const members = new Set(component);
    const start = component[0];
    // Breadth-first from the start, within the component, back to the start.
    const previous = new Map<string, string>();
    const queue = [start];
    let closing: string | undefined;
    while (queue.length > 0 && !closing) {
      const v = queue.shift()!;
      for (const w of arcs.get(v)!.keys()) {
        if (!members.has(w)) continue;
        if (w === start) {
          closing = v;
          break;
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    const units = [closing!];
    while (units[0] !== start) units.unshift(previous.get(units[0])!);
    const steps = units.map((u, i) => arcs.get(u)!.get(units[(i + 1) % units.length])!);
    return { members: component, units, steps };
  });
}

/** A loop as lines a reader can act on: the group, the units round one loop, then the import that makes each step. */
export function describeCycle(cycle: UnitCycle): string {
  const round = [...cycle.units, cycle.units[0]].join(" → ");
  return [
    `${cycle.members.join(", ")} import each other; one loop: ${round}`,
    ...cycle.steps.map((s) => `  ${s.from} imports ${s.to}`),
  ].join("\n");
}
