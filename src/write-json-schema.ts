/** Writes data/schema/bundle.schema.json from the zod schema (`npm run schema`). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from './config.js';
import { bundleJsonSchema } from './core/json-schema.js';

const file = path.join(PACKAGE_ROOT, 'data', 'schema', 'bundle.schema.json');
await writeFile(file, `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`);
process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
