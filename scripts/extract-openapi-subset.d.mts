export declare const OPERATIONS: [string, string][];
export declare function extractSubset(): { source: string; operations: Record<string, unknown> };
export declare function subsetCachePath(): string;
export declare function ensureSubset(): string;
