/** A tiny inline trend (SVG, no chart library): the line of the values, the last point marked. */
export function Sparkline({ values, width = 120, height = 28, testId }: { values: number[]; width?: number; height?: number; testId?: string }) {
  if (values.length < 2) return null;
  // Scaled to the customer's own range (a flat line at the top of a 0-based axis hides every change); the
  // zero line shows only when the values reach it.
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // At least half of the level as the visible span, so a ±2 % wiggle does not look like a crash.
  const span0 = Math.max(hi - lo, Math.abs(hi) * 0.5, 1);
  const mid = (hi + lo) / 2;
  const min = mid - span0 * 0.55;
  const max = mid + span0 * 0.55;
  const span = max - min;
  const x = (i: number) => (i / (values.length - 1)) * (width - 4) + 2;
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg width={width} height={height} role="img" aria-hidden data-testid={testId}>
      {lo <= 0 ? <line x1={2} x2={width - 2} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} /> : null}
      <path d={d} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={1.5} />
      <circle cx={x(last)} cy={y(values[last])} r={2.5} fill="var(--mantine-color-blue-6)" />
    </svg>
  );
}
