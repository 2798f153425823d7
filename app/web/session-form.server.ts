import { z } from 'zod';
import { pacificToEpoch } from '../domain/zoom-import';

// The live-session form (schedule and edit share it): date and time are read as Pacific time.
// Messages are ids of the trainer catalogue; the form shows them in the page's language.

export const sessionSchema = (competencyIds: string[]) =>
  z
    .object({
      title: z.string().trim().min(1, 'trainer.session.error.title').max(200, 'trainer.session.error.titleLong'),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'trainer.session.error.date'),
      time: z.string().regex(/^\d{2}:\d{2}$/, 'trainer.session.error.time'),
      duration: z.coerce
        .number({ message: 'trainer.session.error.duration' })
        .int('trainer.trainee.error.wholeMinutes')
        .min(1, 'trainer.session.error.durationMin')
        .max(600, 'trainer.session.error.durationMax'),
      mode: z.enum(['online', 'in-person'], { message: 'trainer.session.error.mode' }),
      competencies: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
        .refine((v) => v.every((c) => competencyIds.includes(c)), 'trainer.session.error.competencies'),
      notes: z.string().trim().max(2000, 'trainer.session.error.notesLong').default(''),
      makeup: z.literal('on').optional(),
    })
    .transform((v, ctx) => {
      const [y, mo, d] = v.date.split('-').map(Number);
      const [h, mi] = v.time.split(':').map(Number);
      const startsAt = pacificToEpoch(y, mo, d, h, mi);
      if (!Number.isFinite(startsAt) || y < 2000 || y > 2100) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'trainer.session.error.real' });
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
