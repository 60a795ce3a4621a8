import { fileURLToPath } from 'node:url';

/** The package's root folder (where `dist/` and `examples/` live), however it was started. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
