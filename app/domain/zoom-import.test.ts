import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/intl.server';
import { importZoomReport, pacificToEpoch, parseReportTime, unionMs, type ZoomSaid } from './zoom-import';

// A session on Thursday 20 November 2026, 6:00 PM to 8:00 PM in California (UTC-8).
const START = Date.UTC(2026, 10, 21, 2, 0);
const session = { startsAt: START, durationMinutes: 120 };
const trainees = [
  { id: 'u-ana', name: 'Ana Reyes', email: 'ana@example.org' },
  { id: 'u-ben', name: 'Ben Okafor', email: 'ben@example.org' },
  { id: 'u-cy', name: 'Cy Park', email: 'cy@example.org' },
  { id: 'u-dee', name: 'Dee Lin', email: 'dee@example.org' },
  { id: 'u-dee2', name: 'Dee Lin', email: 'dee.two@example.org' },
];
const ok = (text: string, t = trainees) => {
  const r = importZoomReport(text, session, t);
  if (!r.ok) throw new Error(r.error.code);
  return r;
};
const by = (r: ReturnType<typeof ok>, id: string) => r.proposals.find((p) => p.userId === id);

describe('parseReportTime', () => {
  it('reads Zoom US times as Pacific', () => {
    expect(parseReportTime('11/20/2026 06:00:00 PM')).toBe(START);
    expect(parseReportTime('11/20/2026 6:00 PM')).toBe(START);
    expect(parseReportTime('11/20/2026 18:00')).toBe(START);
    expect(parseReportTime('11/20/26 18:00')).toBe(START);
    expect(parseReportTime('2026-11-20 18:00:00')).toBe(START);
  });
  it('reads 12 AM and 12 PM right', () => {
    expect(parseReportTime('11/20/2026 12:00 AM')).toBe(Date.UTC(2026, 10, 20, 8));
    expect(parseReportTime('11/20/2026 12:30 PM')).toBe(Date.UTC(2026, 10, 20, 20, 30));
  });
  it('honours an explicit zone', () => expect(parseReportTime('2026-11-21T02:00:00Z')).toBe(START));
  it('reads an Excel serial day number', () => {
    // 46346 = 2026-11-20 in Excel's 1900 date system; .75 = 6:00 PM.
    expect(parseReportTime('46346.75')).toBe(START);
  });
  it('uses daylight time in summer', () => expect(parseReportTime('07/01/2026 10:00 AM')).toBe(Date.UTC(2026, 6, 1, 17)));
  it('refuses what it cannot read', () => {
    for (const bad of ['', 'yesterday', '13/40/2026 10:00', '11/20/2026 13:00 PM', '2026-11-20'])
      expect(parseReportTime(bad)).toBeNull();
  });
  it('converts wall time across the autumn change', () => {
    expect(pacificToEpoch(2026, 11, 1, 0, 30)).toBe(Date.UTC(2026, 10, 1, 7, 30));
    expect(pacificToEpoch(2026, 11, 2, 9)).toBe(Date.UTC(2026, 10, 2, 17));
  });
});

describe('unionMs', () => {
  it('counts overlapping and duplicate intervals once', () => {
    expect(
      unionMs([
        [0, 10],
        [5, 15],
        [0, 10],
        [20, 30],
      ]),
    ).toBe(25);
    expect(
      unionMs([
        [0, 100],
        [10, 20],
      ]),
    ).toBe(100);
    expect(unionMs([[10, 5]])).toBe(0);
    expect(unionMs([])).toBe(0);
  });
});

const HEADER = 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent';

describe('importZoomReport', () => {
  it('maps by email, sums several joins without counting overlaps, and marks the rest absent', () => {
    const r = ok(
      [
        HEADER,
        'Ana Reyes,ANA@example.org,11/20/2026 05:58:00 PM,11/20/2026 08:01:00 PM,123,No,Y',
        // Ben drops and rejoins; the second join overlaps the first by 5 minutes (two devices).
        'Ben Okafor,ben@example.org,11/20/2026 06:10:00 PM,11/20/2026 07:00:00 PM,50,No,Y',
        'Ben (phone),ben@example.org,11/20/2026 06:55:00 PM,11/20/2026 07:30:00 PM,35,No,Y',
        // the same join exported twice
        'Ben (phone),ben@example.org,11/20/2026 06:55:00 PM,11/20/2026 07:30:00 PM,35,No,Y',
      ].join('\r\n'),
    );
    expect(by(r, 'u-ana')).toMatchObject({ status: 'present', minutes: 120 });
    expect(by(r, 'u-ben')).toMatchObject({ status: 'late', minutes: 80, rows: 3 });
    expect(by(r, 'u-ben')?.note).toEqual([{ code: 'trainer.zoom.joins', values: { count: 3 } }]);
    expect(by(r, 'u-ana')?.note).toEqual([
      { code: 'trainer.zoom.joins', values: { count: 1 } },
      { code: 'trainer.zoom.capped', values: { minutes: 123, duration: 120 } },
    ]);
    expect(by(r, 'u-cy')?.note).toEqual([{ code: 'trainer.zoom.notInReport' }]);
    expect(by(r, 'u-cy')).toMatchObject({ status: 'absent', minutes: 0 });
    expect(r.unmatched).toEqual([]);
    expect(r.rowsRead).toBe(4);
  });
  it('reads a file with a BOM, a meeting summary block and Excel dates', () => {
    const r = ok(
      [
        '\uFEFFMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
        '812 3456 7890,Core training week 6,46346.75,46346.8333,trainer@example.org,120,3',
        '',
        'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
        'Cy Park,cy@example.org,46346.75,46346.7916667,60,No',
      ].join('\n'),
    );
    expect(by(r, 'u-cy')).toMatchObject({ status: 'left-early', minutes: 60 });
  });
  it('lists rows it cannot place, with why', () => {
    const r = ok(
      [
        HEADER,
        'Visitor,visitor@example.org,11/20/2026 06:00 PM,11/20/2026 07:00 PM,60,Yes,Y',
        'iPhone,,11/20/2026 06:00 PM,11/20/2026 06:30 PM,30,Yes,Y',
        'Dee Lin,,11/20/2026 06:00 PM,11/20/2026 08:00 PM,120,Yes,Y',
      ].join('\n'),
    );
    expect(r.unmatched.map((u) => [u.line, u.name, u.minutes])).toEqual([
      [2, 'Visitor', 60],
      [3, 'iPhone', 30],
      [4, 'Dee Lin', 120],
    ]);
    expect(r.unmatched.map((u) => u.reason.code)).toEqual([
      'trainer.zoom.notTrainee',
      'trainer.zoom.noEmailNoName',
      'trainer.zoom.noEmailManyNames',
    ]);
  });
  it('matches a row with a name only when exactly one trainee has it, and says so', () => {
    const r = ok([HEADER, 'cy  park,,11/20/2026 06:00 PM,11/20/2026 08:00 PM,120,Yes,Y'].join('\n'));
    expect(by(r, 'u-cy')).toMatchObject({ status: 'present', minutes: 120 });
    expect(by(r, 'u-cy')?.note.map((n) => n.code)).toEqual(['trainer.zoom.byName', 'trainer.zoom.joins']);
    const s = ok([HEADER, 'Cyclone (Cy Park),,11/20/2026 06:00 PM,11/20/2026 08:00 PM,120,Yes,Y'].join('\n'));
    expect(by(s, 'u-cy')?.status).toBe('present');
  });
  it('uses the duration when times are missing, without adding duplicates', () => {
    const r = ok(['Name,Email,Duration (Minutes)', 'Ana Reyes,ana@example.org,45', 'Ana Reyes,ana@example.org,45'].join('\n'));
    expect(by(r, 'u-ana')).toMatchObject({ status: 'left-early', minutes: 45 });
    expect(by(r, 'u-ana')?.note).toEqual([{ code: 'trainer.zoom.durationOnly' }]);
  });
  it('caps a long stay at the session length', () => {
    const r = ok([HEADER, 'Ana Reyes,ana@example.org,11/20/2026 05:00 PM,11/20/2026 10:00 PM,300,No,Y'].join('\n'));
    expect(by(r, 'u-ana')).toMatchObject({ status: 'present', minutes: 120 });
    expect(by(r, 'u-ana')?.note).toEqual([
      { code: 'trainer.zoom.joins', values: { count: 1 } },
      { code: 'trainer.zoom.capped', values: { minutes: 300, duration: 120 } },
    ]);
  });
  it('counts within five minutes of the full session as present', () => {
    const r = ok([HEADER, 'Ana Reyes,ana@example.org,11/20/2026 06:04 PM,11/20/2026 08:00 PM,116,No,Y'].join('\n'));
    expect(by(r, 'u-ana')).toMatchObject({ status: 'present', minutes: 120 });
  });
  it('reports times it cannot read and keeps going', () => {
    const r = ok([HEADER, 'Ana Reyes,ana@example.org,soon,11/20/2026 08:00 PM,,No,Y', ',,,,,,'].join('\n'));
    expect(r.problems).toEqual([{ code: 'trainer.zoom.badJoin', values: { line: 2, text: 'soon' } }]);
    expect(by(r, 'u-ana')?.status).toBe('absent');
  });
  it('copes with quoted names holding commas and a ragged last column', () => {
    const r = ok([HEADER, '"Reyes, Ana",ana@example.org,11/20/2026 06:00 PM,11/20/2026 08:00 PM,120'].join('\n'));
    expect(by(r, 'u-ana')?.status).toBe('present');
  });
  it('refuses a file that is not a participant report', () => {
    const r = importZoomReport('Topic,Start\nWeekly,now\n', session, trainees);
    expect(r).toEqual({ ok: false, error: { code: 'trainer.zoom.noColumns' } });
    const empty = importZoomReport('', session, trainees);
    expect(empty.ok).toBe(false);
  });
  it('refuses broken CSV in plain words', () => {
    const r = importZoomReport(`${HEADER}\n"Ana,ana@example.org\n`, session, trainees);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'trainer.zoom.unreadableNear', values: { line: expect.any(Number) } });
  });
});

describe('what the import says, in each language', () => {
  const said: ZoomSaid[] = [
    { code: 'trainer.zoom.unreadable' },
    { code: 'trainer.zoom.unreadableNear', values: { line: 3 } },
    { code: 'trainer.zoom.noColumns' },
    { code: 'trainer.zoom.badJoin', values: { line: 2, text: 'soon' } },
    { code: 'trainer.zoom.badLeave', values: { line: 2, text: 'later' } },
    { code: 'trainer.zoom.notTrainee' },
    { code: 'trainer.zoom.noEmailManyNames' },
    { code: 'trainer.zoom.noEmailNoName' },
    { code: 'trainer.zoom.notInReport' },
    { code: 'trainer.zoom.joins', values: { count: 1 } },
    { code: 'trainer.zoom.joins', values: { count: 3 } },
    { code: 'trainer.zoom.durationOnly' },
    { code: 'trainer.zoom.byName' },
    { code: 'trainer.zoom.capped', values: { minutes: 300, duration: 120 } },
  ];
  const en = translator('en');
  const es = translator('es');
  it('keeps the English wording trainers know', () => {
    expect(en('trainer.zoom.badJoin', { line: 2, text: 'soon' })).toBe('Line 2: we could not read the join time “soon”.');
    expect(en('trainer.zoom.joins', { count: 3 })).toBe('3 joins, overlapping time counted once.');
    expect(en('trainer.zoom.joins', { count: 1 })).toBe('One join in the report.');
    expect(en('trainer.zoom.capped', { minutes: 300, duration: 120 })).toBe(
      "300 min in the report, capped at the session's 120 min.",
    );
  });
  it('says every problem and note in Spanish, not English', () => {
    for (const s of said) {
      const spanish = es(s.code, s.values);
      expect(spanish, s.code).not.toBe(en(s.code, s.values));
      for (const v of Object.values(s.values ?? {}))
        if (s.code !== 'trainer.zoom.joins' || v !== 1) expect(spanish).toContain(String(v));
    }
    expect(es('trainer.zoom.badJoin', { line: 2, text: 'soon' })).toBe('Línea 2: no pudimos leer la hora de entrada «soon».');
  });
});
