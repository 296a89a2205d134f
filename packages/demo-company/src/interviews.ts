import type { Calendar } from './calendar.js';
import { makeLife, makeProfile, STREAM } from './profile.js';
import { Rng, clamp } from './rng.js';
import { INTERVIEW_TEXTS, OUTCOMES } from './texts.js';
import { HIDDEN_TYPES, type HiddenType, type InterviewRow, type OutcomeRating } from './types.js';

const PER_TYPE = 12;
/** How far into the customer list to look for interviewees (keeps it cheap at 1M customers). */
const SCAN_LIMIT = 20_000;

/**
 * ~60 JTBD interviews, 12 per hidden type, with customers who had been active
 * for at least four months. Outcomes that matter to the interviewee's type are
 * rated important and under-served (the growth points on the job map).
 */
export function interviews(seed: number, n: number, cal: Calendar): InterviewRow[] {
  const rng = new Rng(seed, STREAM.interview, 0);
  const picked: { i: number; type: HiddenType; day: number }[] = [];
  const counts = new Map<HiddenType, number>(HIDDEN_TYPES.map((t) => [t, 0]));
  const limit = Math.min(n, SCAN_LIMIT);
  for (let i = 1; i <= limit && picked.length < PER_TYPE * HIDDEN_TYPES.length; i++) {
    const p = makeProfile(seed, i, cal);
    if ((counts.get(p.type) ?? 0) >= PER_TYPE) continue;
    const life = makeLife(seed, p, cal.months);
    if (life.end - p.join < 5) continue;
    // Only some eligible customers agree to talk.
    if (!rng.chance(0.3)) continue;
    const m = p.join + rng.int(3, life.end - p.join - 1);
    const day = Math.min(cal.endDay, cal.monthStart(m) + rng.int(0, cal.monthDays(m) - 1));
    picked.push({ i, type: p.type, day });
    counts.set(p.type, (counts.get(p.type) ?? 0) + 1);
  }
  picked.sort((a, b) => a.day - b.day || a.i - b.i);

  return picked.map(({ i, type, day }, k) => {
    const t = INTERVIEW_TEXTS[type];
    const focus = OUTCOMES.filter((o) => o.focus.includes(type));
    const other = OUTCOMES.filter((o) => !o.focus.includes(type));
    const chosen = [...rng.sample(focus, rng.int(3, Math.min(5, focus.length))), ...rng.sample(other, rng.int(1, 3))];
    const ratings: OutcomeRating[] = chosen.map((o) => {
      const important = o.focus.includes(type);
      return {
        step: o.step,
        outcome: o.outcome,
        importance: clamp(Math.round((important ? 4.5 : 2.6) + 0.6 * rng.normal()), 1, 5),
        satisfaction: clamp(Math.round((important ? 2.2 : 3.6) + 0.8 * rng.normal()), 1, 5),
      };
    });
    return {
      id: k + 1,
      external_id: `I-${String(k + 1).padStart(4, '0')}`,
      customer_id: i,
      interviewed_on: cal.date(day),
      business_context: {
        goals: rng.pick(t.goals),
        rules: rng.pick(t.rules),
        constraints: rng.pick(t.constraints),
        trigger_events: rng.pick(t.triggerEvents),
      },
      people_context: {
        knowledge: rng.pick(t.knowledge),
        experience: rng.pick(t.experience),
        goals: rng.pick(t.peopleGoals),
        emotions: rng.pick(t.emotions),
      },
      triggers: rng.pick(t.triggers),
      notes: rng.pick(t.notes),
      jobs: rng.sample(t.jobs, rng.int(2, t.jobs.length)),
      outcome_ratings: ratings,
    };
  });
}
