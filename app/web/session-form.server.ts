import { z } from 'zod';
import { pacificToEpoch } from '../domain/zoom-import';

// The live-session form (schedule and edit share it): date and time are read as Pacific time.

export const sessionSchema = (competencyIds: string[]) =>
  z
    .object({
      title: z.string().trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.'),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date, like 2026-11-20.'),
      time: z.string().regex(/^\d{2}:\d{2}$/, 'Enter the start time, like 18:00.'),
      duration: z.coerce
        .number({ message: 'Enter the length in minutes.' })
        .int('Use whole minutes.')
        .min(1, 'A session lasts at least 1 minute.')
        .max(600, 'Use at most 600 minutes (10 hours); split a longer day into sessions.'),
      mode: z.enum(['online', 'in-person'], { message: 'Choose online or in person.' }),
      competencies: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
        .refine((v) => v.every((c) => competencyIds.includes(c)), 'Choose competencies from the list.'),
      notes: z.string().trim().max(2000, 'Use at most 2000 characters.').default(''),
      makeup: z.literal('on').optional(),
    })
    .transform((v, ctx) => {
      const [y, mo, d] = v.date.split('-').map(Number);
      const [h, mi] = v.time.split(':').map(Number);
      const startsAt = pacificToEpoch(y, mo, d, h, mi);
      if (!Number.isFinite(startsAt) || y < 2000 || y > 2100) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'Enter a real date and time.' });
        return z.NEVER;
      }
      return {
        title: v.title,
        startsAt,
        durationMinutes: v.duration,
        mode: v.mode,
        competencies: [...new Set(v.competencies)],
        notes: v.notes,
        makeup: v.makeup === 'on',
      };
    });
