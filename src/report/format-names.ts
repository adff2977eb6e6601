// The report formats by name, apart from their code, so the CLI can list them without loading any formatter.
export const FORMAT_NAMES = ['pretty', 'json', 'ndjson', 'csv', 'tsv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
