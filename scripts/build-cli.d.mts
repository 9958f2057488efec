export declare const BUNDLE_DIR: string;
/** Bundles the CLI and the pool's worker into `outdir` (default dist/bundle/); undefined when esbuild is missing. */
export declare function buildCli(outdir?: string): Promise<string | undefined>;
