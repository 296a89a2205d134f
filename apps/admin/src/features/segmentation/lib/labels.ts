/** One colour per ABCDX label everywhere (tables, charts, Sankey); other labels cycle a palette. */
export const LABEL_COLORS: Record<string, string> = { A: '#2f9e44', B: '#1c7ed6', C: '#f59f00', D: '#868e96', X: '#ae3ec9' };
const PALETTE = ['#1c7ed6', '#2f9e44', '#f59f00', '#e8590c', '#ae3ec9', '#0ca678', '#d6336c', '#5c7cfa', '#868e96', '#fab005'];

export function labelColor(label: string, index = 0): string {
  return LABEL_COLORS[label] ?? PALETTE[index % PALETTE.length];
}

/** Natural order: A, B, C, D, X; "Level 1" < "Level 2"; otherwise alphabetical. */
export function sortLabels(labels: string[]): string[] {
  return [...labels].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
