// Art. 11 智能识别 on upload: the first rows of a file are read for what their columns hold (ID
// numbers, phones, names, addresses, USCCs, bank cards …). Where content contradicts the item the
// catalog declares — personal data in an item not marked so, a grade too low for what it holds, a
// type that does not fit — or a file column no item reads holds personal data, the provider and its
// reviewing authority are messaged, and the load's report keeps the findings.
import { listDataElements } from '../catalog/dictionaries.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { type Dataset, warnProviderAndAuthority } from './datasets.ts';
import { contradictions, identifyColumn } from './quality/index.ts';

const SAMPLE_ROWS = 200;

export interface IdentifyFinding {
  column: string;
  itemCode: string | null;
  detected: string | null;
  confidence: number;
  messages: string[];
}

/** Findings for the first batch of a load (columns read into items, and file columns no item reads). */
export async function identifyUpload(
  ctx: Ctx,
  ds: Dataset,
  header: string[],
  index: number[],
  rows: (string | null)[][],
): Promise<IdentifyFinding[]> {
  const elements = (await listDataElements(ctx.db)).map((e) => ({
    name: e.name,
    synonyms: e.synonyms,
    standard: e.standard,
    piKind: e.piKind,
    defaultGrade: e.defaultGrade,
  }));
  const sample = rows.slice(0, SAMPLE_ROWS);
  const findings: IdentifyFinding[] = [];
  const used = new Set(index);
  header.forEach((name, j) => {
    const detection = identifyColumn(
      name,
      sample.map((r) => r[j]),
      { elements },
    );
    const i = index.indexOf(j);
    let messages: string[] = [];
    if (i >= 0) {
      const c = ds.columns[i];
      messages = contradictions(
        { name: c.itemName, dataType: c.dataType, piKind: c.piKind, grade: c.grade },
        detection,
      );
    } else if (!used.has(j) && detection.piKind)
      messages = [
        `文件列「${name}」含个人信息（${detection.dataElement ?? detection.kind}），但目录中没有对应的数据项，该列未汇聚`,
      ];
    if (messages.length)
      findings.push({
        column: name,
        itemCode: i >= 0 ? ds.columns[i].itemCode : null,
        detected: detection.kind,
        confidence: detection.confidence,
        messages,
      });
  });
  return findings;
}

/** Art. 11: tells the provider's data officers and its reviewing authority what was found. */
export async function reportIdentification(
  ctx: Ctx,
  actor: Actor,
  ds: Dataset,
  loadId: string,
  findings: IdentifyFinding[],
): Promise<void> {
  if (!findings.length) return;
  await inTransaction(ctx, actor, async (tx) => {
    const body = `数据集「${ds.name}」批次 ${loadId} 的内容与目录登记不符，请核对目录的数据项、分级与个人信息标注（第十一条、第十四条）：\n${findings
      .flatMap((f) => f.messages)
      .map((m) => `· ${m}`)
      .join('\n')}`;
    await warnProviderAndAuthority(tx, ds, '汇聚数据与目录登记不符', body);
    tx.record({
      action: 'aggregation.load.identify',
      subject: `load:${loadId}`,
      details: {
        datasetId: ds.id,
        findings: findings.map((f) => ({ column: f.column, detected: f.detected })),
      },
    });
  });
}
