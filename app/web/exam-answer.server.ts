import { z } from 'zod';

/**
 * "Save an answer" to one exam question: the one schema for both ways it arrives, the question
 * page's plain form (no JavaScript; `go` says where to next) and its background autosave. The
 * flag comes as `flagged=1|0` from autosave, or as a checkbox from the plain form (`flagged=on`
 * when ticked, with `flagField=1` saying the box was on the page, so an unticked box clears it).
 */
export const saveAnswerSchema = () =>
  z
    .object({
      position: z.coerce.number().int().min(1),
      response: z.string().max(20_000, 'trainee.attempt.tooLong').optional(),
      flagged: z.enum(['1', '0', 'on']).optional(),
      flagField: z.literal('1').optional(),
      go: z.union([z.enum(['next', 'prev', 'review', 'stay']), z.coerce.number().int().min(1)]).default('stay'),
    })
    .transform(({ flagged, flagField, ...rest }) => ({
      ...rest,
      flagged: flagged === '1' || flagged === 'on' ? true : flagged === '0' || flagField ? false : undefined,
    }));
