import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One exported name of one module, the module as a path relative to the project root. */
export interface ExportedName {
  file: string;
  name: string;
  /** "type" for an interface or type alias, "value" for anything that exists at run time. */
  kind: "type" | "value";
}

/**
 * The exports the framework or the server reads by name, not through an import: a route module's exports
 * (Remix's route module API), the root route's `Layout`, and everything the server entry exports (server.mjs reads
 * them from the build: start-up, the edge, the route gates, Remix's `handleError`), and the route list the Remix
 * Vite plugin reads (`app/routes.ts`).
 */
export const FRAMEWORK_EXPORTS = {
  routes: ["action", "default", "ErrorBoundary", "handle", "headers", "links", "loader", "meta", "shouldRevalidate"],
  root: ["Layout"],
  entries: ["app/entry.server.tsx", "app/entry.client.tsx", "app/routes.ts"],
} as const;

const SOURCE = /\.(ts|tsx|mjs|js)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/**
 * The exports of the modules under `app/` that no module the app runs imports: not `app/` itself, nor the
 * server, database scripts, start-up scripts and benchmarks that call into it (`consumers`, folders and files
 * relative to `root`). Tests do not count: an export only a test calls is a function the app does not run.
 *
 * Read with the TypeScript compiler: every import, `export … from` and `import()` type of a consumer is resolved to
 * the declaration it names (through re-exports), so a name re-exported under another module still counts as used.
 * A namespace import (`import * as x`) or a dynamic `import()` expression counts every export of its module.
 * Uses inside the exporting module do not count: such an export only needs to be a local.
 *
 * @returns the unused names, sorted by file then name.
 */
export function unusedExports(
  root: string,
  consumers: string[] = ["app", "db", "server.mjs", "scripts", "bench", "vite.config.ts", "vite.pdf-worker.config.ts"],
): ExportedName[] {
  const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config, ts.sys, root).options;
  const files = consumers.flatMap((c) => {
    const full = path.join(root, c);
    return SOURCE.test(c) ? [full] : sourceFiles(full);
  });
  const entries = FRAMEWORK_EXPORTS.entries.map((e) => path.join(root, e));
  const routeNames = new Set<string>(FRAMEWORK_EXPORTS.routes);
  const rootNames = new Set<string>([...FRAMEWORK_EXPORTS.routes, ...FRAMEWORK_EXPORTS.root]);
  const routesDir = path.join(root, "app", "routes") + path.sep;
  const rootRoute = path.join(root, "app", "root.tsx");
  const program = ts.createProgram({ rootNames: files, options: { ...options, noEmit: true } });
  const checker = program.getTypeChecker();
  const appDir = path.join(root, "app") + path.sep;

  const original = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const used = new Set<ts.Symbol>();
  const useAllOf = (moduleSymbol: ts.Symbol | undefined) => {
    if (!moduleSymbol) return;
    for (const s of checker.getExportsOfModule(moduleSymbol)) used.add(original(s));
  };
  const moduleOf = (specifier: ts.Expression) => checker.getSymbolAtLocation(specifier);

  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    useAllOf(source && checker.getSymbolAtLocation(source));
  }
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && node.importClause) {
        const clause = node.importClause;
        if (clause.name) {
          const s = checker.getSymbolAtLocation(clause.name);
          if (s) used.add(original(s));
        }
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) useAllOf(moduleOf(node.moduleSpecifier));
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            const s = checker.getSymbolAtLocation(element.name);
            if (s) used.add(original(s));
          }
        }
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        // A re-export is a use only when something imports it in turn, which resolves through to the original;
        // `export * from` likewise. Nothing to mark here.
      } else if (ts.isImportTypeNode(node)) {
        // `import("~/x").Name` in a type: the qualified name, or the whole module for `typeof import("~/x")`.
        const target = node.qualifier ? checker.getSymbolAtLocation(node.qualifier) : undefined;
        if (target) used.add(original(target));
        else if (ts.isLiteralTypeNode(node.argument)) useAllOf(moduleOf(node.argument.literal));
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [specifier] = node.arguments;
        if (specifier) useAllOf(moduleOf(specifier));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  const unused: ExportedName[] = [];
  for (const source of program.getSourceFiles()) {
    const file = path.resolve(source.fileName);
    if (!file.startsWith(appDir)) continue;
    const framework = file.startsWith(routesDir) ? routeNames : file === rootRoute ? rootNames : new Set<string>();
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const s of checker.getExportsOfModule(moduleSymbol)) {
      const target = original(s);
      // A re-export (`export { x } from`) is judged at the module that declares the name.
      const declaredHere = target.declarations?.some((d) => d.getSourceFile() === source) ?? false;
      if (!declaredHere || used.has(target) || framework.has(s.getName())) continue;
      const kind = target.flags & ts.SymbolFlags.Value ? "value" : "type";
      unused.push({ file: path.relative(root, file), name: s.getName(), kind });
    }
  }
  return unused.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}
