import type { CampaignTimeline } from '../../../services/overview/timeline-service.js';
import {
  STATUS_COLOURS,
  STATUS_PATTERNS,
  type StatusPattern,
} from '../../../services/overview/status-colours.js';
import type { SubmissionStatus } from '../../../domain/submissions/status-machine.js';
import { axisTicks } from './timeline-axis.js';

/** Width of the SVG coordinate system; the drawing stretches to the page width. */
export const VIEW_WIDTH = 1000;
const LANE = 14;
const BUCKET_HEIGHT = 48;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  /** A pattern drawn over the colour (failures), so they tell apart without colour. */
  pattern: StatusPattern | null;
  title: string;
  href: string;
  /** The status this piece is coloured by. */
  status: SubmissionStatus;
  /** The submission of a bar piece (null for a bucket column). */
  submission: number | null;
  /** Bar pieces: the lane, and the submission a recovery recovers. */
  lane: number | null;
  parent: number | null;
}

const iso = (d: Date) => new Date(d).toISOString().replace('.000Z', 'Z');
const round = (n: number) => Math.round(n * 100) / 100;

/** Query string of a window, for the zoom and pan links. */
export function windowQuery(w: { tmin: Date; tmax: Date }, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ tmin: iso(w.tmin), tmax: iso(w.tmax), ...extra }).toString();
}

function countsText(counts: Partial<Record<SubmissionStatus, number>>): string {
  return Object.entries(counts)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
}

/**
 * The drawing of the time bars in SVG units: one strip per stage, bars in lanes, or stacked
 * columns per time bucket (heights relative to the fullest bucket of any stage, so strips compare).
 */
export function timelineDrawing(t: CampaignTimeline, exp: string, page: string) {
  const a = new Date(t.window.tmin).getTime();
  const span = new Date(t.window.tmax).getTime() - a;
  const x = (d: Date) => Math.min(VIEW_WIDTH, Math.max(0, ((new Date(d).getTime() - a) / span) * VIEW_WIDTH));
  const sub = (id: number) => `/experiments/${encodeURIComponent(exp)}/submissions/${id}`;
  const maxBucket = Math.max(1, ...t.stages.flatMap((s) => s.buckets.map((b) => b.total)));
  const strips = t.stages.map((s) => {
    const rects: Rect[] = [];
    if (t.mode === 'bars')
      for (const b of s.bars) {
        // One piece per status it went through (its history), so a bar shows Idle → Running → Held….
        const pieces = b.segments.length ? b.segments : [{ status: b.status, start: b.start, end: b.end }];
        for (const p of pieces) {
          const x0 = x(p.start);
          rects.push({
            x: round(x0),
            y: b.lane * LANE + 1,
            w: round(Math.max(pieces.length > 1 ? 0.5 : 2, x(p.end) - x0)),
            h: LANE - 2,
            fill: STATUS_COLOURS[p.status],
            pattern: STATUS_PATTERNS[p.status] ?? null,
            status: p.status,
            submission: b.submission_id,
            lane: b.lane,
            parent: b.parent_submission_id,
            title: `#${b.submission_id} ${b.kind}${b.parent_submission_id ? ` of #${b.parent_submission_id}` : ''} · ${p.status} ${iso(p.start)} → ${iso(p.end)} · now ${b.status}`,
            href: sub(b.submission_id),
          });
        }
      }
    else
      for (const b of s.buckets) {
        if (!b.total) continue;
        const bw = VIEW_WIDTH / s.buckets.length;
        let top = BUCKET_HEIGHT;
        for (const [status, n] of Object.entries(b.counts) as Array<[SubmissionStatus, number]>) {
          const h = (n / maxBucket) * (BUCKET_HEIGHT - 2);
          top -= h;
          rects.push({
            x: round(b.index * bw),
            y: round(top),
            w: round(Math.max(1, bw - 1)),
            h: round(Math.max(0.5, h)),
            fill: STATUS_COLOURS[status],
            pattern: STATUS_PATTERNS[status] ?? null,
            status,
            submission: null,
            lane: null,
            parent: null,
            title: `${iso(b.start)} – ${iso(b.end)}: ${b.total} submission(s) started (${countsText(b.counts)}); click to zoom in`,
            href: `${page}?${windowQuery({ tmin: b.start, tmax: b.end })}`,
          });
        }
      }
    return {
      stage_id: s.stage_id,
      name: s.name,
      count: s.count,
      by_status: countsText(s.by_status),
      height: t.mode === 'bars' ? Math.max(1, s.lanes) * LANE : BUCKET_HEIGHT,
      /** Tops of the lanes holding recoveries (shaded), in SVG units; the lane height is `lane`. */
      recoveryYs: t.mode === 'bars' ? s.recovery_lanes.map((l) => l * LANE) : [],
      lane: LANE,
      rects,
    };
  });
  const now = new Date(t.window.now).getTime();
  const slice = t.bucket_seconds ?? 0;
  return {
    sliceText:
      slice < 120
        ? `${Math.round(slice * 10) / 10} s`
        : slice < 7200
          ? `${Math.round(slice / 6) / 10} min`
          : `${Math.round(slice / 360) / 10} h`,
    strips,
    width: VIEW_WIDTH,
    ticks: axisTicks(new Date(t.window.tmin), new Date(t.window.tmax)),
    nowX: now >= a && now <= a + span ? round(x(t.window.now)) : null,
    links: {
      zoom_in: `${page}?${windowQuery(t.navigation.zoom_in)}`,
      zoom_out: `${page}?${windowQuery(t.navigation.zoom_out)}`,
      earlier: `${page}?${windowQuery(t.navigation.earlier)}`,
      later: `${page}?${windowQuery(t.navigation.later)}`,
      all: page,
      aggregate: `${page}?${windowQuery(t.window, { mode: 'buckets' })}`,
      bars: `${page}?${windowQuery(t.window)}`,
    },
  };
}
