import { randomUUID } from "node:crypto";
import type pg from "pg";
import { returnedValue, submit, type PageMode } from "./browser";
import type { Action } from "./load";
import { pick } from "./phases";

// Register saves as activity leads make them: a whole register for one session, with the version the lead loaded
// and a fresh idempotency key. A small share of saves deliberately collide: a second save of a session whose
// first save is still in flight, from the same loaded version (a co-lead on another device). Exactly one of the
// two may win; the other must be told it conflicts.

const ABANDONED_MS = 15_000;

export interface TargetSession {
  id: string;
  activityId: string;
  leadId: string;
  referralIds: string[];
  version: number;
  cookie?: string;
}

/** Sessions that happened (today or in the last fortnight) whose register lists 20 to 40 people. */
export async function registerTargets(pool: pg.Pool, count: number, smoke: boolean): Promise<TargetSession[]> {
  const [lo, hi] = smoke ? [1, 1000] : [20, 40];
  const { rows } = await pool.query<{
    id: string;
    activity_id: string;
    lead_id: string;
    referral_ids: string[];
    register_version: number;
  }>(
    `with eligible as (
       select activity_id, count(*) as n from referral where status in ('accepted', 'attending') and activity_id is not null group by activity_id
     ), candidates as (
       select s.id, s.activity_id, s.register_version, (select min(user_id::text)::uuid from activity_lead l where l.activity_id = s.activity_id) as lead_id,
         row_number() over (partition by s.activity_id order by s.session_date desc) as nth
       from activity_session s join eligible e on e.activity_id = s.activity_id
       where s.session_date between (now() at time zone 'Europe/London')::date - 14 and (now() at time zone 'Europe/London')::date
         and s.status <> 'cancelled' and e.n between $1 and $2
     )
     select c.id, c.activity_id, c.lead_id, c.register_version,
       array(select r.id from referral r left join attendance t on t.referral_id = r.id and t.session_id = c.id
             where r.activity_id = c.activity_id and (r.status in ('accepted', 'attending') or t.session_id is not null) order by r.id) as referral_ids
     from candidates c where c.lead_id is not null and c.nth <= 6 order by c.id limit $3`,
    [lo, hi, count],
  );
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    leadId: r.lead_id,
    referralIds: r.referral_ids,
    version: r.register_version,
  }));
}

export interface Save {
  session: TargetSession;
  version: number;
  key: string;
  marks: Record<string, string>;
  collision: boolean;
  sentAt: number;
}

export interface SaveLog {
  ok: Save[];
  conflicts: Save[];
  unexpected: { save: Save; status: number }[];
  collisionsSent: number;
}

/**
 * Drives saves across the target sessions, as a lead's browser sends the register form (`mode`); the bare page
 * takes the form as a document POST.
 */
export function registerDriver(opts: {
  sessions: TargetSession[];
  collisionShare: number;
  mode: PageMode;
  headers: (s: TargetSession) => Record<string, string>;
}) {
  const inFlight = new Map<string, Save>();
  const collided = new Set<string>();
  // Sessions whose last save failed outright (database down): their next 409 re-synchronises the version.
  const suspect = new Set<string>();
  const log: SaveLog = { ok: [], conflicts: [], unexpected: [], collisionsSent: 0 };
  let cursor = 0;

  function next(): Action {
    // A request that timed out or lost its connection never reaches onResponse: free its session after a while.
    for (const [id, s] of inFlight) {
      if (Date.now() - s.sentAt > ABANDONED_MS) {
        inFlight.delete(id);
        suspect.add(id);
      }
    }
    let save: Save | null = null;
    if (Math.random() < opts.collisionShare && inFlight.size > 0) {
      const first = [...inFlight.values()].find((s) => !collided.has(s.key));
      if (first) {
        collided.add(first.key);
        save = {
          session: first.session,
          version: first.version,
          key: randomUUID(),
          marks: marksFor(first.session),
          collision: true,
          sentAt: Date.now(),
        };
        log.collisionsSent += 1;
      }
    }
    if (!save) {
      for (let i = 0; i < opts.sessions.length && !save; i++) {
        const session = opts.sessions[cursor++ % opts.sessions.length];
        if (!inFlight.has(session.id))
          save = {
            session,
            version: session.version,
            key: randomUUID(),
            marks: marksFor(session),
            collision: false,
            sentAt: Date.now(),
          };
      }
      if (save) inFlight.set(save.session.id, save);
    }
    if (!save) {
      // Every session busy (more connections than sessions): join one in flight, from the same version.
      const first = pick([...inFlight.values()]);
      save = {
        session: first.session,
        version: first.version,
        key: randomUUID(),
        marks: marksFor(first.session),
        collision: true,
        sentAt: Date.now(),
      };
      log.collisionsSent += 1;
    }
    const form = new URLSearchParams({
      registerVersion: String(save.version),
      idempotencyKey: save.key,
      otherAttendees: "2",
    });
    for (const [referralId, mark] of Object.entries(save.marks)) form.set(`mark-${referralId}`, mark);
    return submit(
      opts.mode,
      `/activities/${save.session.activityId}/sessions/${save.session.id}`,
      form.toString(),
      opts.headers(save.session),
      { meta: save },
    );
  }

  function onResponse(status: number, body: string, meta: unknown): boolean {
    const save = meta as Save;
    if (!save.collision && inFlight.get(save.session.id) === save) inFlight.delete(save.session.id);
    if (status === 200) {
      log.ok.push(save);
      save.session.version = Math.max(save.session.version, save.version + 1);
      return true;
    }
    if (status === 409) {
      log.conflicts.push(save);
      // The conflict answer carries the version now saved; the next save of this session starts from it.
      void returnedValue(opts.mode, body, "currentVersion", "registerVersion").then((current) => {
        if (current !== undefined) save.session.version = Math.max(save.session.version, Number(current));
      });
      // A conflict is the right answer for either save of a colliding pair (the second may reach the server
      // first and win), or after a failed save left the version uncertain; for any other save it means the
      // bookkeeping lost track.
      const resync = suspect.delete(save.session.id);
      return save.collision || collided.has(save.key) || resync;
    }
    suspect.add(save.session.id);
    log.unexpected.push({ save, status });
    return false;
  }

  return { next, onResponse, log };
}

function marksFor(session: TargetSession): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const id of session.referralIds) {
    const r = Math.random();
    marks[id] = r < 0.8 ? "present" : r < 0.93 ? "absent" : "excused";
  }
  return marks;
}

/**
 * What must hold afterwards: every session's version moved once per successful save (no lost update, nothing
 * applied twice), its register is exactly the marks of the save that produced its final version (no partial
 * register), and of each colliding pair exactly one won.
 */
export async function checkRegisters(
  pool: pg.Pool,
  sessions: TargetSession[],
  initial: Map<string, number>,
  log: SaveLog,
) {
  const ids = sessions.map((s) => s.id);
  const { rows } = await pool.query<{ id: string; register_version: number; register_save_key: string | null }>(
    "select id, register_version, register_save_key from activity_session where id = any($1)",
    [ids],
  );
  const marks = await pool.query<{ session_id: string; referral_id: string; status: string }>(
    "select session_id, referral_id, status from attendance where session_id = any($1)",
    [ids],
  );
  const bySession = new Map<string, Map<string, string>>();
  for (const m of marks.rows) {
    if (!bySession.has(m.session_id)) bySession.set(m.session_id, new Map());
    bySession.get(m.session_id)!.set(m.referral_id, m.status);
  }
  let versionMismatch = 0;
  let partial = 0;
  let touched = 0;
  for (const row of rows) {
    const saves = log.ok.filter((s) => s.session.id === row.id);
    if (saves.length === 0) continue;
    touched += 1;
    if (row.register_version !== (initial.get(row.id) ?? 0) + saves.length) versionMismatch += 1;
    const last = saves.find((s) => s.version + 1 === row.register_version && s.key === row.register_save_key);
    const stored = bySession.get(row.id) ?? new Map();
    const same =
      last &&
      stored.size === Object.keys(last.marks).length &&
      Object.entries(last.marks).every(([r, m]) => stored.get(r) === m);
    if (!same) partial += 1;
  }
  const pairs = new Map<string, Save[]>();
  for (const s of [...log.ok, ...log.conflicts]) {
    const k = `${s.session.id}@${s.version}`;
    pairs.set(k, [...(pairs.get(k) ?? []), s]);
  }
  let bothWon = 0;
  for (const group of pairs.values()) if (group.filter((s) => log.ok.includes(s)).length > 1) bothWon += 1;
  return { touched, versionMismatch, partial, bothWon };
}
