export declare const BUNDLE: string;
/** Bundles src/action/main.ts into one ES module (default dist/action/bundle.mjs); returns its path. */
export declare function buildAction(outfile?: string): Promise<string>;
