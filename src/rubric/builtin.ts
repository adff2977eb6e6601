// Where the built-in rubric lives; its own module so finding it loads neither yaml nor zod.
import { fileURLToPath } from 'node:url';

export const BUILTIN_RUBRIC = fileURLToPath(new URL('../../rubric/eqi/rubric.yml', import.meta.url));
