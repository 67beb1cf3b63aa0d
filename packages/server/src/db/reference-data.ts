import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** Folder of the reference tables shipped with Landfall (GB/T 2260, GB/T 4754-2017). */
export const referenceDir = fileURLToPath(new URL('../../reference/', import.meta.url));

export async function readReferenceCsv(file: string): Promise<Record<string, string>[]> {
  const text = await readFile(referenceDir + file, 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}
