// Issuing a rectification order (Art. 41–42): one transaction that checks the authority's
// jurisdiction (Art. 5) and opens the matter through the engine, which starts the agency's time
// limit, sends its todo and ledgers the act.
import { agencyRef, isSupervisedBy } from '../agencies/relations.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { DomainError, type FieldError, ruleViolated, validationFailed } from '../kernel/errors.ts';
import { openMatter } from '../matters/index.ts';
import { GROUNDS, type GroundCode, groundText, rectificationType, rectifyCeiling } from './rectification.ts';

export interface IssueRectification {
  agencyId: number;
  ground: GroundCode;
  description: string;
  /** The time limit the order states, in working days (Art. 41 names no number). */
  workingDays: number;
}

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

const KIND_NAMES = {
  department: '政府部门',
  authority: '政务数据主管部门',
  coordination: '协调机制',
} as const;

/** Issues the order on behalf of the actor's authority; returns the matter's id. */
export function issueRectification(ctx: Ctx, actor: Actor, input: IssueRectification): Promise<number> {
  return inTransaction(ctx, actor, async (tx) => {
    const errors: FieldError[] = [];
    const target = await agencyRef(tx.db, input.agencyId);
    if (!target) errors.push({ field: 'agencyId', message: `机构不存在：${input.agencyId}` });
    const description = input.description.trim();
    if (description.length < DESCRIPTION_MIN || description.length > DESCRIPTION_MAX) {
      errors.push({
        field: 'description',
        message: `须为${DESCRIPTION_MIN}至${DESCRIPTION_MAX}个字符，写明问题和整改要求`,
      });
    }
    const max = await rectifyCeiling(tx);
    if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > max) {
      errors.push({ field: 'workingDays', message: `须为1至${max}之间的整数（工作日）` });
    }
    if (errors.length || !target) throw validationFailed(errors);
    // Art. 5: an authority supervises the agencies of its region, at its own level and below.
    if (actor.agencyId === null || !(await isSupervisedBy(tx.db, target.id, actor.agencyId))) {
      throw new DomainError(403, 'out-of-jurisdiction', '超出管辖范围', {
        article: 'Art. 5',
        detail: `${target.name}不在本机构监管范围内：政务数据主管部门监督本行政区域内本级及下级的机构`,
      });
    }
    const g = GROUNDS[input.ground];
    // Art. 41 orders departments, Art. 42 data authorities.
    if (g.addressee !== target.kind) {
      throw ruleViolated('rectification-ground-mismatch', '整改情形与被责令机构不符', g.article, {
        detail: `“${g.name}”适用于${KIND_NAMES[g.addressee]}，${target.name}是${KIND_NAMES[target.kind]}`,
        errors: [{ field: 'ground', message: `须为适用于${KIND_NAMES[target.kind]}的情形` }],
      });
    }
    const m = await openMatter(tx, actor, {
      type: rectificationType.type,
      title: `整改通知：${target.name}${g.name}`,
      subject: `agency:${target.id}`,
      parties: { provider: target.id, authority: actor.agencyId },
      data: {
        ground: input.ground,
        groundText: groundText(input.ground),
        article: g.article,
        description,
        workingDays: input.workingDays,
      },
    });
    return m.id;
  });
}
