export const CODE_SERVER_VERSION: string;
export const NODE_PACKAGE: string;
export const cacheDir: string;
export interface Install { node: string; nodeDir: string; codeServerEntry: string; seconds: number; cached: boolean }
export function installCodeServer(options?: { quiet?: boolean }): Install;
