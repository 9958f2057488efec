export declare const DEFAULT_DIR: string;
export declare const EDITED_POST: string;
export declare function jekyllName(text: string, fallback: string): string;
export declare function makeExampleRepo(dir?: string): { dir: string; base: string; head: string; added: string[]; edited: string };
