import type { ExamItem } from '../content/schema';
import { inExamPool, inPracticePool } from './exam';

// How the bank splits between practice sets and the practice exam, per content area.

export interface PoolSizes {
  area: string;
  practiceOnly: number;
  examOnly: number;
  both: number;
  /** Items practice sets may ask (practice-only + both). */
  practice: number;
  /** Items the practice exam may ask (exam-only + both). */
  exam: number;
}

export function poolSizes(areas: string[], items: Pick<ExamItem, 'area' | 'use'>[]): PoolSizes[] {
  return areas.map((area) => {
    const inArea = items.filter((i) => i.area === area);
    return {
      area,
      practiceOnly: inArea.filter((i) => i.use === 'practice').length,
      examOnly: inArea.filter((i) => i.use === 'exam').length,
      both: inArea.filter((i) => (i.use ?? 'both') === 'both').length,
      practice: inArea.filter(inPracticePool).length,
      exam: inArea.filter(inExamPool).length,
    };
  });
}
